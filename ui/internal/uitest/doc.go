// Package uitest is what the ui tests share: one fake API over an
// in-memory corpus (or the demo corpus), a host that drives views the way
// the root does inside a synctest bubble, and key presses by name.
//
// Test code only: no package outside a _test.go file imports it. It may
// import client, fakeapi and ui/internal/common; it never imports a view
// package or the root ui, so every view's own tests can use it.
package uitest
