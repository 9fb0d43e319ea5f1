//go:build tools

// Package tools pins the Node.js language host (`pulumi-language-nodejs`) that the CLI starts to
// run a program. It comes from sdk/v3 v3.68.0, the last release whose sdk module still carried
// the host: later releases moved it into a module of its own, which the Go module proxy this
// project builds from does not serve. See ../README.md.
package tools

import _ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
