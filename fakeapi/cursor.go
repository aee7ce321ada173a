package fakeapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"time"
)

// Cursors are opaque to clients but carry, signed: where the page ended
// (the sort key of its last item, so that datasets completing meanwhile do
// not shift later pages), a hash of the filters they were issued for, and
// when they were issued.

var (
	errCursorInvalid = errors.New("invalid cursor: pass next_cursor exactly as it was received")
	errCursorFilters = errors.New("invalid cursor: it was issued for different filters; keep customer_id, dataset_type, is_verified and search the same while paging")
	errCursorExpired = errors.New("cursor expired: restart from the first page without a cursor")
)

const (
	cursorVersion = 1
	cursorMACSize = 16
	// version, issued at, created at, filters hash, id length
	cursorHeaderSize = 1 + 8 + 8 + 8 + 1
)

// position is where a page ended: the last item's sort key.
type position struct {
	created int64
	id      string
}

type filtersHash [8]byte

type cursorCodec struct {
	secret   []byte
	lifetime time.Duration
}

// newCursorCodec derives the signing secret from the seed, so that a
// server started again with the same seed gives the same cursors (and
// accepts them).
func newCursorCodec(seed uint64, lifetime time.Duration) cursorCodec {
	h := sha256.New()
	h.Write([]byte("dxdash fakeapi cursor secret v1"))
	h.Write(binary.BigEndian.AppendUint64(nil, seed))
	return cursorCodec{secret: h.Sum(nil), lifetime: lifetime}
}

func (c cursorCodec) issue(after position, filters filtersHash, now time.Time) string {
	b := make([]byte, 0, cursorHeaderSize+len(after.id)+cursorMACSize)
	b = append(b, cursorVersion)
	b = binary.BigEndian.AppendUint64(b, uint64(now.Unix()))
	b = binary.BigEndian.AppendUint64(b, uint64(after.created))
	b = append(b, filters[:]...)
	b = append(b, byte(len(after.id)))
	b = append(b, after.id...)
	b = append(b, c.mac(b)...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// open checks a cursor and returns its position. The signature is checked
// before anything is read from it, so a tampered cursor says nothing.
func (c cursorCodec) open(token string, filters filtersHash, now time.Time) (position, error) {
	// Strict: trailing bits that do not count must be zero, or two tokens
	// would open to the same cursor.
	b, err := base64.RawURLEncoding.Strict().DecodeString(token)
	if err != nil || len(b) < cursorHeaderSize+cursorMACSize {
		return position{}, errCursorInvalid
	}
	payload, mac := b[:len(b)-cursorMACSize], b[len(b)-cursorMACSize:]
	if !hmac.Equal(mac, c.mac(payload)) {
		return position{}, errCursorInvalid
	}
	if payload[0] != cursorVersion || int(payload[25]) != len(payload)-cursorHeaderSize {
		return position{}, errCursorInvalid
	}
	issued := time.Unix(int64(binary.BigEndian.Uint64(payload[1:9])), 0)
	var issuedFor filtersHash
	copy(issuedFor[:], payload[17:25])
	if issuedFor != filters {
		return position{}, errCursorFilters
	}
	if now.Sub(issued) >= c.lifetime {
		return position{}, errCursorExpired
	}
	return position{
		created: int64(binary.BigEndian.Uint64(payload[9:17])),
		id:      string(payload[cursorHeaderSize:]),
	}, nil
}

func (c cursorCodec) mac(payload []byte) []byte {
	m := hmac.New(sha256.New, c.secret)
	m.Write(payload)
	return m.Sum(nil)[:cursorMACSize]
}
