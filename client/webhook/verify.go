package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
)

// SignatureHeader carries the hex HMAC-SHA256 of the raw body.
const SignatureHeader = "X-Dataextractor-Signature"

// MaxBodySize bounds a delivery. Payloads are a few hundred bytes; anything
// near this is not from the API.
const MaxBodySize = 1 << 20

// Why a delivery was refused. Compare with errors.Is.
var (
	ErrNotSigned          = errors.New("webhook: delivery is not signed")
	ErrMalformedSignature = errors.New("webhook: signature header is not a hex-encoded HMAC-SHA256")
	ErrNoValidSignature   = errors.New("webhook: no secret produces this signature")
	ErrBodyTooLarge       = fmt.Errorf("webhook: body exceeds %d bytes", MaxBodySize)
	// ErrNoSecret is a receiver misconfiguration: no non-empty secret to
	// verify with. An empty secret is never used, since anyone could sign
	// with it.
	ErrNoSecret = errors.New("webhook: no secret configured")
)

// Verify checks that signatureHex, the X-Dataextractor-Signature header, is
// the HMAC-SHA256 of body under one of secrets. Several secrets allow a
// rotation: accept the old and the new until the old one is retired. The
// comparison takes constant time.
func Verify(body []byte, signatureHex string, secrets ...[]byte) error {
	if len(body) > MaxBodySize {
		return ErrBodyTooLarge
	}
	signatureHex = strings.TrimSpace(signatureHex)
	if signatureHex == "" {
		return ErrNotSigned
	}
	got, err := hex.DecodeString(signatureHex)
	if err != nil || len(got) != sha256.Size {
		return ErrMalformedSignature
	}
	tried := false
	for _, secret := range secrets {
		if len(secret) == 0 {
			continue
		}
		tried = true
		if hmac.Equal(got, mac(body, secret)) {
			return nil
		}
	}
	if !tried {
		return ErrNoSecret
	}
	return ErrNoValidSignature
}

// Sign returns the signature the API would send for body under secret: for
// tests and for the embedded API.
func Sign(body, secret []byte) string {
	return hex.EncodeToString(mac(body, secret))
}

func mac(body, secret []byte) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write(body)
	return h.Sum(nil)
}

// ReadBody reads a delivery's body, refusing one over MaxBodySize without
// reading further than that.
func ReadBody(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxBodySize+1))
	if err != nil {
		return nil, fmt.Errorf("webhook: reading body: %w", err)
	}
	if len(body) > MaxBodySize {
		return nil, ErrBodyTooLarge
	}
	return body, nil
}
