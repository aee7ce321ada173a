// Package contract checks HTTP responses against openapi.yaml, the API
// contract at the root of the repository. Tests wrap whatever talks to
// fakeapi in Transport, so a response that strays from the document fails
// the test that received it, whichever package that test is in. The dxdash
// program itself never imports this package.
package contract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// FileName is the contract's name at the root of the module.
const FileName = "openapi.yaml"

// Checker validates responses against the document with openapi3filter,
// response status included.
type Checker struct {
	Doc    *openapi3.T
	router routers.Router
}

// Load reads and validates the document at path.
func Load(path string) (*Checker, error) {
	doc, err := openapi3.NewLoader().LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", path, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("%s does not validate: %w", path, err)
	}
	// Route on paths alone: test servers listen on any host and port.
	routed := *doc
	routed.Servers = nil
	router, err := gorillamux.NewRouter(&routed)
	if err != nil {
		return nil, err
	}
	return &Checker{Doc: doc, router: router}, nil
}

// Default is the repository's contract, found by walking up from the working
// directory (a package's directory under go test) to go.mod; loaded once.
var Default = sync.OnceValues(func() (*Checker, error) {
	path, err := findFile()
	if err != nil {
		return nil, err
	}
	return Load(path)
})

func findFile() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, FileName), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("contract: no go.mod above the working directory")
		}
		dir = parent
	}
}

var validationOptions = &openapi3filter.Options{
	IncludeResponseStatus: true,
	AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
}

// Check validates one response to req. Requests the document has no
// operation for (an unknown path, a method other than GET) are checked
// against the shared response components for the statuses they may get.
func (c *Checker) Check(req *http.Request, status int, header http.Header, body []byte) error {
	route, pathParams, err := c.router.FindRoute(req)
	switch {
	case err == nil:
	case errors.Is(err, routers.ErrPathNotFound):
		route = c.componentRoute(req, "NotFound", http.StatusNotFound)
	case errors.Is(err, routers.ErrMethodNotAllowed):
		route = c.componentRoute(req, "MethodNotAllowed", http.StatusMethodNotAllowed)
	default:
		return fmt.Errorf("routing %s %s: %w", req.Method, req.URL.Path, err)
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req, PathParams: pathParams, Route: route, Options: validationOptions,
		},
		Status:  status,
		Header:  header,
		Options: validationOptions,
	}
	input.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), input); err != nil {
		return fmt.Errorf("%s %s -> %d: %w\nbody: %.300s", req.Method, req.URL, status, err, body)
	}
	return nil
}

// componentRoute is a stand-in operation for a request the document does
// not describe: it answers with the named response, or with the errors any
// request may get before routing (401, 429, 500).
func (c *Checker) componentRoute(req *http.Request, name string, status int) *routers.Route {
	responses := c.Doc.Components.Responses
	op := openapi3.NewOperation()
	op.Responses = openapi3.NewResponses(
		openapi3.WithStatus(status, responses[name]),
		openapi3.WithStatus(http.StatusUnauthorized, responses["Unauthorized"]),
		openapi3.WithStatus(http.StatusTooManyRequests, responses["TooManyRequests"]),
		openapi3.WithStatus(http.StatusInternalServerError, responses["ServerError"]),
	)
	return &routers.Route{Spec: c.Doc, Path: req.URL.Path, Method: req.Method, Operation: op}
}

// Transport is the contract middleware for clients: every response is read,
// checked and handed on unchanged; one that fails the check is reported to
// onViolation (which must be safe for concurrent use).
func Transport(c *Checker, base http.RoundTripper, onViolation func(error)) http.RoundTripper {
	return &validatingTransport{checker: c, base: base, onViolation: onViolation}
}

type validatingTransport struct {
	checker     *Checker
	base        http.RoundTripper
	onViolation func(error)
}

func (v *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := v.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err := v.checker.Check(req, resp.StatusCode, resp.Header, body); err != nil {
		v.onViolation(err)
	}
	return resp, nil
}

// Handler is the contract middleware for servers: each response h writes is
// recorded, checked, then sent on unchanged; one that fails the check is
// reported to onViolation (which must be safe for concurrent use). A
// handler that hijacks the connection cannot be wrapped.
func Handler(c *Checker, h http.Handler, onViolation func(error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if err := c.Check(r, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
			onViolation(err)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}
