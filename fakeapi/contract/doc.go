// Package contract checks HTTP responses against openapi.yaml, the API
// contract at the root of the repository. Tests wrap whatever talks to
// fakeapi in Transport, so a response that strays from the document fails
// the test that received it, whichever package that test is in. The dxdash
// program itself never imports this package.
//
// It imports nothing of dxdash; only tests import it.
package contract
