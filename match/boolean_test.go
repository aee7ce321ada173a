package match

import "testing"

func TestParseBool(t *testing.T) {
	type reading struct{ value, ok bool }
	yes, no, none := reading{true, true}, reading{false, true}, reading{}
	for _, tc := range []struct {
		in   string
		want reading
	}{
		{"true", yes},
		{"Yes", yes},
		{" YES ", yes},
		{"y", yes},
		{"1", yes},
		{"false", no},
		{"No", no},
		{"N", no},
		{"0", no},
		{"x", yes}, // a ticked box
		{" X ", yes},
		{"", none},
		{"maybe", none},
		{"yes please", none},
		{"t", none},
	} {
		if v, ok := ParseBool(tc.in); (reading{v, ok}) != tc.want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", tc.in, v, ok, tc.want)
		}
	}
}
