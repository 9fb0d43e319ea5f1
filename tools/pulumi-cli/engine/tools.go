//go:build tools

// Package tools pins the Pulumi CLI that the end-to-end tier and the demo run: go.mod requires
// the release's pkg/v3 and sdk/v3 modules, and `go build` of the package imported below makes
// the `pulumi` binary. See ../README.md.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
