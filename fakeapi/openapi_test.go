package fakeapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// The contract: ../openapi.yaml. Every response the tests receive passes
// through contract.check, so any deviation from the document fails a test.

const openapiPath = "../openapi.yaml"

func loadOpenAPI() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	return loader.LoadFromFile(openapiPath)
}

func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc, err := loadOpenAPI()
	if err != nil {
		t.Fatalf("loading %s: %v", openapiPath, err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Errorf("openapi = %q, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("%s does not validate: %v", openapiPath, err)
	}
	for _, path := range []string{datasetsPath, datasetPathPrefix + "{id}"} {
		if doc.Paths.Value(path) == nil || doc.Paths.Value(path).Get == nil {
			t.Errorf("%s: no GET %s", openapiPath, path)
		}
	}
}

// contractChecker validates responses against the document with
// openapi3filter, response status included.
type contractChecker struct {
	doc    *openapi3.T
	router routers.Router
}

var sharedContract = sync.OnceValues(func() (*contractChecker, error) {
	doc, err := loadOpenAPI()
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, err
	}
	// Route on paths alone: test servers listen on any host and port.
	routed := *doc
	routed.Servers = nil
	router, err := gorillamux.NewRouter(&routed)
	if err != nil {
		return nil, err
	}
	return &contractChecker{doc: doc, router: router}, nil
})

func contract(t testing.TB) *contractChecker {
	t.Helper()
	c, err := sharedContract()
	if err != nil {
		t.Fatalf("loading the contract: %v", err)
	}
	return c
}

var validationOptions = &openapi3filter.Options{
	IncludeResponseStatus: true,
	AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
}

// check validates one response to req. Requests the document has no
// operation for (an unknown path, a method other than GET) are checked
// against the shared response components for the statuses they may get.
func (c *contractChecker) check(req *http.Request, status int, header http.Header, body []byte) error {
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
func (c *contractChecker) componentRoute(req *http.Request, name string, status int) *routers.Route {
	responses := c.doc.Components.Responses
	op := openapi3.NewOperation()
	op.Responses = openapi3.NewResponses(
		openapi3.WithStatus(status, responses[name]),
		openapi3.WithStatus(http.StatusUnauthorized, responses["Unauthorized"]),
		openapi3.WithStatus(http.StatusTooManyRequests, responses["TooManyRequests"]),
		openapi3.WithStatus(http.StatusInternalServerError, responses["ServerError"]),
	)
	return &routers.Route{Spec: c.doc, Path: req.URL.Path, Method: req.Method, Operation: op}
}

// validatingTransport is the contract middleware for tests that talk to a
// real listener: every response is read, checked and handed on unchanged.
// Responses that fail the check are reported to onViolation.
type validatingTransport struct {
	contract    *contractChecker
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
	if err := v.contract.check(req, resp.StatusCode, resp.Header, body); err != nil {
		v.onViolation(err)
	}
	return resp, nil
}
