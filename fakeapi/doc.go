// Package fakeapi is the embedded dataextractor.io Document Extraction API:
// the stand-in for the real service behind `dxdash --demo`,
// `dxdash demo-api` and every test above the client. It follows
// shared/api-reference.md (Parts 1 and 2) and ../openapi.yaml, which its
// tests validate every response against.
//
// Reading order:
//
//   - config.go: Config, DefaultConfig and Validate.
//   - server.go: the Server, the order a request goes through (request id,
//     authentication, rate limit, fault, routing), and the helpers for
//     tests (Datasets, Dataset, Requests).
//   - handlers.go: query validation, filters, search and paging.
//   - cursor.go: opaque, HMAC-signed cursors bound to their filters.
//   - ratelimit.go: the sliding 60-second window per key and category.
//   - faults.go: injected 500s, slow responses, broken bodies, dropped
//     connections.
//   - corpus.go: one compact record per dataset, built in parallel; details
//     regenerated on demand.
//   - living.go: the living account after the epoch (Config.Living):
//     arrivals, extractions completing or failing, reviews, and the log of
//     those changes (Server.Changes).
//   - plan.go, document.go, extract.go, catalog.go, format.go: the
//     generated documents: who sent what to whom, laid out on pages, then
//     read with the mistakes OCR models make.
//   - score.go: ScoreField and ScoreExtraction, the accuracy rules; what
//     counts as the same value is package match's contract reading, and
//     which value is a field's ground truth is package review's join, both
//     shared with the dashboard.
//   - wire.go, jsonwrite.go: the JSON shapes and a fast writer for them.
//   - hostile.go, hostile_serve.go: Config.Hostile, a fixed corpus built to
//     break terminal UIs, served in place of the generated one.
//
// The account is a pure function of the seed, the epoch, the rates and the
// time: the same seed and clock give byte-identical responses, and when the
// server was started plays no part. The few datasets processing at the
// epoch complete 5 to 40 seconds after it, on Config.Now.
package fakeapi
