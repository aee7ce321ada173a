// Package receiver is dxdash's end of the API's webhooks: an http.Handler
// that takes signed event deliveries and keeps the store current with them.
//
// Every request goes through the same steps, in this order: only a POST to
// the configured path (404, 405); the body read through a 1 MiB cap (413
// beyond, without reading further); the X-Dataextractor-Signature checked
// against the raw body under each configured secret (401 on a mismatch:
// several secrets allow a rotation), before a byte of it is parsed; the
// payload read strictly (client/webhook.Parse; 400); the event_id recorded
// in the store, so that a retried delivery is processed once, across
// restarts too, for Retention (24 h, far beyond the API's five retries);
// then the answer, at once. The work comes after it: each event costs one
// GET of its dataset through the syncer, at background priority (paced
// within the rate budget, a person at the keyboard first), and events for
// one dataset that arrive before its GET is sent share it. Whatever order
// events come in, and for datasets never seen, what is stored is what the
// server said last.
//
// Rejections are counted by reason and logged with the remote address,
// never the body or a secret. Snapshot says what a status bar shows:
// listening, events received, the last one's time, rejections.
//
// receiver imports client, client/webhook, store and syncer, and nothing
// else of dxdash.
package receiver
