package webhook

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzVerify holds Verify to its one job: it accepts a delivery exactly
// when the signature is the HMAC-SHA256 of the body under the secret (hex,
// either case, surrounding space tolerated), and otherwise says why with
// one of the package's errors. It never panics. The seed corpus is
// testdata/fuzz/FuzzVerify.
//
//	go test ./client/webhook -run '^$' -fuzz '^FuzzVerify$' -fuzztime 30s -parallel 1
func FuzzVerify(f *testing.F) {
	body := []byte(`{"event_id":"evt_5c1d2e","type":"extraction.completed"}`)
	f.Add(body, Sign(body, []byte("whsec_1")), []byte("whsec_1"))
	f.Fuzz(func(t *testing.T, body []byte, signature string, secret []byte) {
		err := Verify(body, signature, secret)
		genuine := len(secret) > 0 && len(body) <= MaxBodySize &&
			strings.EqualFold(strings.TrimSpace(signature), Sign(body, secret))
		switch {
		case err == nil && !genuine:
			t.Fatalf("Verify accepted signature %q for a body it does not sign", signature)
		case err != nil && genuine:
			t.Fatalf("Verify refused the genuine signature %q: %v", signature, err)
		case err != nil && !isVerifyError(err):
			t.Fatalf("Verify failed with an error of its own: %v", err)
		}

		if len(secret) == 0 || len(body) > MaxBodySize {
			return
		}
		good := Sign(body, secret)
		for _, sig := range []string{good, strings.ToUpper(good), " " + good + "\n"} {
			if err := Verify(body, sig, []byte("another secret"), secret); err != nil {
				t.Fatalf("the genuine signature %q (with a rotated secret first) was refused: %v", sig, err)
			}
		}
		tampered := append(append([]byte(nil), body...), ' ')
		if err := Verify(tampered, good, secret); !errors.Is(err, ErrNoValidSignature) && !errors.Is(err, ErrBodyTooLarge) {
			t.Fatalf("a tampered body passed with the original signature: %v", err)
		}
		if err := Verify(body, good); !errors.Is(err, ErrNoSecret) {
			t.Fatalf("Verify with no secret = %v, want ErrNoSecret", err)
		}
	})
}

func isVerifyError(err error) bool {
	for _, sentinel := range []error{ErrNotSigned, ErrMalformedSignature, ErrNoValidSignature, ErrBodyTooLarge, ErrNoSecret} {
		if errors.Is(err, sentinel) {
			return true
		}
	}
	return false
}

// FuzzParse: no payload makes Parse panic; one it accepts has an event id
// and a type, and is refused with ErrMalformedEvent (or as too large)
// otherwise. What it accepts it read by the exact names: the event id and
// type are what a decoder that matches keys exactly finds, and no key at
// the top differs from one of the payload's names only in case. The seed
// corpus is testdata/fuzz/FuzzParse (case-variant and repeated keys
// among it).
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"event_id":"evt_5c1d2e","type":"extraction.completed","created_at":"2026-04-12T09:33:41Z","data":{"dataset_id":"ds_8f3k2j9q","status":"complete"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := Parse(body)
		switch {
		case err == nil && (ev.EventID == "" || ev.Type == ""):
			t.Fatalf("Parse accepted an event without id or type: %+v", ev)
		case err != nil && !errors.Is(err, ErrMalformedEvent) && !errors.Is(err, ErrBodyTooLarge):
			t.Fatalf("Parse failed with an error of its own: %v", err)
		case err != nil:
			return
		}
		// A map decodes keys exactly.
		var exact map[string]json.RawMessage
		if json.Unmarshal(body, &exact) != nil {
			t.Fatalf("Parse accepted what is not a JSON object: %q", body)
		}
		var id, typ string
		if json.Unmarshal(exact["event_id"], &id) != nil || id != ev.EventID ||
			json.Unmarshal(exact["type"], &typ) != nil || typ != ev.Type {
			t.Fatalf("Parse read event_id %q, type %q; the exact keys hold %s, %s", ev.EventID, ev.Type, exact["event_id"], exact["type"])
		}
		for key := range exact {
			for _, name := range topNames {
				if key != name && strings.EqualFold(key, name) {
					t.Fatalf("Parse accepted key %q for %q", key, name)
				}
			}
		}
	})
}
