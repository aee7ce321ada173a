package fakeapi

import (
	"context"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/dxdash/dxdash/fakeapi/contract"
)

// The contract: ../openapi.yaml. Every response the tests receive passes
// through the contract package's Check, so any deviation from the document fails a test.

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

// contractFor is the repository's contract, loaded once for all tests.
func contractFor(t testing.TB) *contract.Checker {
	t.Helper()
	c, err := contract.Default()
	if err != nil {
		t.Fatalf("loading the contract: %v", err)
	}
	return c
}

// validatingTransport checks every response a real listener gives.
func validatingTransport(t testing.TB, base http.RoundTripper, onViolation func(error)) http.RoundTripper {
	return contract.Transport(contractFor(t), base, onViolation)
}
