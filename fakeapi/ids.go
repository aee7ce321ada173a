package fakeapi

import (
	"strconv"
	"sync/atomic"
)

// Dataset ids look random ("ds_8f3k2j9q") but are a permutation of the
// dataset's index, so they are unique without a set to check against and
// stable for a given seed.
const (
	idBits   = 41 // 2^41 < 36^8, so every id fits in eight base-36 digits
	idMask   = 1<<idBits - 1
	idDigits = 8
	base36   = "0123456789abcdefghijklmnopqrstuvwxyz"
)

func datasetID(seed uint64, index int) string {
	key := mix64(seed ^ 0x6a09e667f3bcc908)
	x := uint64(index) & idMask
	// Each step is a bijection on 41-bit numbers, so the composition is one too.
	for round := range 3 {
		x = (x * 0x5851f42d4c957f2d) & idMask // an odd multiplier is invertible mod 2^k
		x ^= x >> 19
		x = (x + (key >> (round * 8))) & idMask
	}
	var b [3 + idDigits]byte
	copy(b[:], "ds_")
	for i := len(b) - 1; i >= 3; i-- {
		b[i] = base36[x%36]
		x /= 36
	}
	return string(b[:])
}

// requestIDs hands out X-Request-Id values: "req_" and 16 hex digits.
// mix64 is a bijection, so distinct counters give distinct ids, and the
// sequence is the same for every server started with the same seed.
type requestIDs struct {
	base    uint64
	counter atomic.Uint64
}

func newRequestIDs(seed uint64) *requestIDs {
	return &requestIDs{base: mix64(seed ^ 0xbb67ae8584caa73b)}
}

func (g *requestIDs) next() string {
	n := g.counter.Add(1)
	v := mix64(g.base + n)
	s := strconv.FormatUint(v, 16)
	const width = 16
	b := make([]byte, 0, 4+width)
	b = append(b, "req_"...)
	for range width - len(s) {
		b = append(b, '0')
	}
	return string(append(b, s...))
}
