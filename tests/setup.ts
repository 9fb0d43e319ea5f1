/**
 * Process-wide test setup, loaded by mocha before any spec (see .mocharc.json).
 */

// The AWS SDK warns once per process that Node 20 support ends in 2027; in test output that line is
// noise. Users' own runs keep the warning: this file is not part of the package.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
