package webhook

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

var (
	payload   = []byte(`{"event_id": "evt_5c1d2e", "type": "extraction.completed", "created_at": "2026-04-12T09:33:41Z", "data": {"dataset_id": "ds_8f3k2j9q", "status": "complete"}}`)
	oldSecret = []byte("whsec_old_4b1f")
	newSecret = []byte("whsec_new_9c2e")
)

func TestVerify(t *testing.T) {
	signedOld := Sign(payload, oldSecret)
	signedNew := Sign(payload, newSecret)
	tampered := bytes.Replace(payload, []byte("ds_8f3k2j9q"), []byte("ds_attacker"), 1)
	huge := bytes.Repeat([]byte("x"), MaxBodySize+1)

	tests := []struct {
		name      string
		body      []byte
		signature string
		secrets   [][]byte
		want      error
	}{
		{"good", payload, signedNew, [][]byte{newSecret}, nil},
		{"good, upper-case hex and padding", payload, "  " + strings.ToUpper(signedNew) + "\t", [][]byte{newSecret}, nil},
		{"wrong secret", payload, signedNew, [][]byte{oldSecret}, ErrNoValidSignature},
		{"tampered body", tampered, signedNew, [][]byte{newSecret}, ErrNoValidSignature},
		{"rotation: old signature, both secrets", payload, signedOld, [][]byte{newSecret, oldSecret}, nil},
		{"rotation: new signature, both secrets", payload, signedNew, [][]byte{newSecret, oldSecret}, nil},
		{"rotation: old secret retired", payload, signedOld, [][]byte{newSecret}, ErrNoValidSignature},
		{"not signed", payload, "", [][]byte{newSecret}, ErrNotSigned},
		{"not hex", payload, "sha256=" + signedNew, [][]byte{newSecret}, ErrMalformedSignature},
		{"too short", payload, signedNew[:32], [][]byte{newSecret}, ErrMalformedSignature},
		{"too long", payload, signedNew + "00", [][]byte{newSecret}, ErrMalformedSignature},
		{"oversized body", huge, Sign(huge, newSecret), [][]byte{newSecret}, ErrBodyTooLarge},
		{"no secret", payload, signedNew, nil, ErrNoSecret},
		{"only an empty secret", payload, Sign(payload, nil), [][]byte{{}}, ErrNoSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.body, tt.signature, tt.secrets...)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
}

// countingReader is an endless body that counts what was read.
type countingReader struct{ n int }

func (r *countingReader) Read(p []byte) (int, error) {
	r.n += len(p)
	return len(p), nil
}

func TestReadBody(t *testing.T) {
	body, err := ReadBody(bytes.NewReader(payload))
	if err != nil || !bytes.Equal(body, payload) {
		t.Errorf("ReadBody = %q, %v", body, err)
	}
	exact, err := ReadBody(bytes.NewReader(make([]byte, MaxBodySize)))
	if err != nil || len(exact) != MaxBodySize {
		t.Errorf("a body of exactly MaxBodySize: %d bytes, %v", len(exact), err)
	}
	endless := &countingReader{}
	if _, err := ReadBody(endless); !errors.Is(err, ErrBodyTooLarge) {
		t.Errorf("endless body: err = %v, want ErrBodyTooLarge", err)
	}
	if endless.n > MaxBodySize+64<<10 {
		t.Errorf("read %d bytes of an endless body", endless.n)
	}
	if _, err := ReadBody(io.MultiReader(bytes.NewReader(payload), errReader{})); err == nil || errors.Is(err, ErrBodyTooLarge) {
		t.Errorf("a broken body: err = %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }
