package fakeapi

import (
	"math/bits"
	"math/rand/v2"
)

// rng is the corpus's deterministic random source. It draws raw bits from
// math/rand/v2's PCG, whose output is fixed by its specification, and derives
// integers and floats itself: the corpus must not change when the standard
// library's helpers do, or every golden file and saved cursor would.
type rng struct{ src rand.PCG }

func newRNG(seed, stream uint64) rng {
	var r rng
	r.src.Seed(seed, stream)
	return r
}

func (r *rng) uint64() uint64 { return r.src.Uint64() }

// intn returns a number in [0, n). n must be positive.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.src.Uint64(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi], both included.
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.src.Uint64()>>11) / (1 << 53) }

// floatBetween returns a number in [lo, hi).
func (r *rng) floatBetween(lo, hi float64) float64 { return lo + (hi-lo)*r.float() }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// pick returns one of the strings, uniformly.
func pick[T any](r *rng, from []T) T { return from[r.intn(len(from))] }

// mix64 is SplitMix64's finaliser: a bijection on uint64 that scatters
// neighbouring inputs, used to derive independent seeds and unique ids from
// counters.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
