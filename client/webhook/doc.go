// Package webhook receives dataextractor.io webhook deliveries: it checks
// their signature (Verify), reads their payload (Parse) and recognises
// retried deliveries (Deduper).
//
// A receiver reads the body with ReadBody, verifies it against the
// X-Dataextractor-Signature header, parses it, and processes the event only
// if the Deduper has not seen its event_id:
//
//	body, err := webhook.ReadBody(r.Body)
//	if err == nil {
//		err = webhook.Verify(body, r.Header.Get(webhook.SignatureHeader), secret)
//	}
//	if err != nil { /* 400 */ }
//	ev, err := webhook.Parse(body)
//	if err != nil { /* 400 */ }
//	if dedupe.Seen(ev.EventID) { /* 200: already handled */ }
//
// It imports nothing of dxdash.
package webhook
