package common

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
)

func TestDescribeError(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&client.APIError{StatusCode: 500, RequestID: "req_abc123", Detail: "internal"}, "server error 500 · request req_abc123"},
		{&client.RetryError{Attempts: 4, Err: &client.APIError{StatusCode: 503, RequestID: "req_9"}}, "server error 503 · request req_9 · after 4 attempts"},
		{&client.RetryError{Attempts: 2, Err: &client.DecodeError{RequestID: "req_d", Err: errors.New("unexpected EOF")}}, "malformed response · request req_d · after 2 attempts"},
		{&url.Error{Op: "Get", URL: "http://127.0.0.1:1/api/v1/datasets", Err: errors.New("dial tcp 127.0.0.1:1: connection refused")}, "network: dial tcp 127.0.0.1:1: connection refused"},
		{&client.APIError{StatusCode: 404, Detail: "dataset ds_x not found"}, "not found: dataset ds_x not found"},
		{&client.APIError{StatusCode: 400, Detail: "limit must be 1-100"}, "rejected (400): limit must be 1-100"},
		{&client.APIError{StatusCode: 429, RetryAfter: 23 * time.Second}, "rate limited (429) · retry after 23s"},
		{context.DeadlineExceeded, "timed out"},
		{errors.New("dial tcp: \x1b[31mrefused"), "dial tcp: refused"},
	} {
		if got := DescribeError(tc.err); got != tc.want {
			t.Errorf("describeError(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
