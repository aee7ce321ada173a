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
// response status included, and their bodies against schemas compiled once
// (bodies.go). It is safe for concurrent use.
type Checker struct {
	Doc    *openapi3.T
	router routers.Router
	bodies bodySchemas
	// standIns are the operations componentRoute answers with, by the
	// response they stand for.
	standIns map[string]*openapi3.Operation
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
	bodies, err := compileBodies(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &Checker{Doc: doc, router: router, bodies: bodies}
	c.standIns = map[string]*openapi3.Operation{
		"NotFound":         c.standIn("NotFound", http.StatusNotFound),
		"MethodNotAllowed": c.standIn("MethodNotAllowed", http.StatusMethodNotAllowed),
	}
	return c, nil
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
	ExcludeResponseBody:   true, // checkBody's, with a schema compiled once
	AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
}

// Check validates one response to req. Requests the document has no
// operation for (an unknown path, a method other than GET) are checked
// against the shared response components for the statuses they may get.
func (c *Checker) Check(req *http.Request, status int, header http.Header, body []byte) error {
	route, pathParams, err := c.route(req)
	if err != nil {
		return err
	}
	err = openapi3filter.ValidateResponse(context.Background(), c.input(req, route, pathParams, status, header, body, validationOptions))
	if err == nil {
		if response := describedResponse(req, route, status); response != nil {
			err = c.checkBody(response, header, body)
		}
	}
	if err != nil {
		return fmt.Errorf("%s %s -> %d: %w\nbody: %.300s", req.Method, req.URL, status, err, body)
	}
	return nil
}

// route finds the operation req is answered by, or a stand-in for it.
func (c *Checker) route(req *http.Request) (*routers.Route, map[string]string, error) {
	route, pathParams, err := c.router.FindRoute(req)
	switch {
	case err == nil:
	case errors.Is(err, routers.ErrPathNotFound):
		route = c.componentRoute(req, "NotFound", http.StatusNotFound)
	case errors.Is(err, routers.ErrMethodNotAllowed):
		route = c.componentRoute(req, "MethodNotAllowed", http.StatusMethodNotAllowed)
	default:
		return nil, nil, fmt.Errorf("routing %s %s: %w", req.Method, req.URL.Path, err)
	}
	return route, pathParams, nil
}

func (c *Checker) input(req *http.Request, route *routers.Route, pathParams map[string]string, status int,
	header http.Header, body []byte, opts *openapi3filter.Options) *openapi3filter.ResponseValidationInput {
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req, PathParams: pathParams, Route: route, Options: opts,
		},
		Status:  status,
		Header:  header,
		Options: opts,
	}
	input.SetBodyBytes(body)
	return input
}

// describedResponse is the document's response for status, or nil where
// openapi3filter checks no body: a HEAD request, a redirect or 304, an
// operation with no responses, a status it does not describe.
func describedResponse(req *http.Request, route *routers.Route, status int) *openapi3.Response {
	switch {
	case req.Method == http.MethodHead:
		return nil
	case status == http.StatusNotModified, status == http.StatusPermanentRedirect,
		status == http.StatusTemporaryRedirect, status == http.StatusMovedPermanently:
		return nil
	}
	responses := route.Operation.Responses
	if responses.Len() == 0 {
		return nil
	}
	ref := responses.Status(status)
	if ref == nil {
		ref = responses.Default()
	}
	if ref == nil {
		return nil
	}
	return ref.Value
}

// componentRoute is a stand-in route for a request the document does not
// describe: its operation answers with the named response, or with the
// errors any request may get before routing (401, 429, 500).
func (c *Checker) componentRoute(req *http.Request, name string, status int) *routers.Route {
	op := c.standIns[name]
	if op == nil {
		op = c.standIn(name, status)
	}
	return &routers.Route{Spec: c.Doc, Path: req.URL.Path, Method: req.Method, Operation: op}
}

func (c *Checker) standIn(name string, status int) *openapi3.Operation {
	responses := c.Doc.Components.Responses
	op := openapi3.NewOperation()
	op.Responses = openapi3.NewResponses(
		openapi3.WithStatus(status, responses[name]),
		openapi3.WithStatus(http.StatusUnauthorized, responses["Unauthorized"]),
		openapi3.WithStatus(http.StatusTooManyRequests, responses["TooManyRequests"]),
		openapi3.WithStatus(http.StatusInternalServerError, responses["ServerError"]),
	)
	return op
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
