// Package core is the machinery shared by the 2Checkout clients (the SOAP API
// 6.0 client in the module's root package and the Channel Manager client):
// login hashing, the shared session with lazy login, renewal and replay of
// rejected calls, options, per-call deadlines and logging, and typed,
// redacted errors. Its exported names reach users through aliases and
// wrappers in those packages.
package core
