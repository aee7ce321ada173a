package fakeapi

import (
	"encoding/base64"
	"errors"
	"testing"
	"time"
)

func TestCursorCodec(t *testing.T) {
	codec := newCursorCodec(DefaultSeed, time.Hour)
	filters := listFilter{customerID: "cus_acme"}.hash()
	at := position{created: DefaultEpoch.Unix() - 42, id: "ds_8f3k2j9q"}
	token := codec.issue(at, filters, testStart)

	if got, err := codec.open(token, filters, testStart.Add(time.Hour-time.Second)); err != nil || got != at {
		t.Fatalf("open = %+v, %v; want %+v", got, err, at)
	}
	if _, err := codec.open(token, filters, testStart.Add(time.Hour)); !errors.Is(err, errCursorExpired) {
		t.Errorf("after its lifetime: %v, want expired", err)
	}
	if _, err := codec.open(token, listFilter{}.hash(), testStart); !errors.Is(err, errCursorFilters) {
		t.Errorf("other filters: %v", err)
	}
	if _, err := newCursorCodec(2, time.Hour).open(token, filters, testStart); !errors.Is(err, errCursorInvalid) {
		t.Errorf("another seed's server accepted the cursor: %v", err)
	}

	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		t.Fatal(err)
	}
	for i := range raw {
		for bit := range 8 {
			tampered := append([]byte(nil), raw...)
			tampered[i] ^= 1 << bit
			if _, err := codec.open(base64.RawURLEncoding.EncodeToString(tampered), filters, testStart); !errors.Is(err, errCursorInvalid) {
				t.Fatalf("byte %d bit %d flipped: %v, want invalid", i, bit, err)
			}
		}
	}
	for _, garbage := range []string{"", "a", "!!!!", token[:len(token)-1], token + "A", base64.RawURLEncoding.EncodeToString(raw[:20])} {
		if _, err := codec.open(garbage, filters, testStart); !errors.Is(err, errCursorInvalid) {
			t.Errorf("open(%q) = %v, want invalid", garbage, err)
		}
	}
	// The last character carries bits that do not count: they must be zero.
	last := token[len(token)-1]
	sibling := token[:len(token)-1] + string(base64URLAlphabet[(indexOf(last)+1)%64])
	if _, err := codec.open(sibling, filters, testStart); !errors.Is(err, errCursorInvalid) {
		t.Errorf("a token differing in unused bits was accepted: %v", err)
	}
}

const base64URLAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func indexOf(c byte) int {
	for i := range len(base64URLAlphabet) {
		if base64URLAlphabet[i] == c {
			return i
		}
	}
	return -1
}
