package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Response bodies are checked by validators prepared once, when the
// document loads. openapi3filter prepares one afresh on every call: for an
// OpenAPI 3.1 document it marshals the body's schema, builds a JSON Schema
// compiler, checks the schema against its meta-schema and compiles it, and
// then, for a schema that references components and uses no keyword of
// JSON Schema 2020-12 that OpenAPI 3.0 lacks, throws the compiled schema
// away and validates with its OpenAPI 3.0 validator. Over a long ui test
// that was a third of the time. Here the same choice is made once per
// schema, so a body gets the very validator it got before, without the
// compile. Everything else about a response (routing, status, headers,
// content type) is still openapi3filter's, or checked as it checks it.

// resourceURL names the document for the schema compiler; no request is
// ever made to it.
const resourceURL = "https://contract.dxdash.invalid/openapi.json"

// bodySchemas maps every response body schema of the document to its
// validator. Load builds it and nothing writes to it afterwards, so checks
// may run concurrently.
type bodySchemas map[*openapi3.SchemaRef]bodyValidator

// bodyValidator is how one body schema is validated.
type bodyValidator struct {
	// legacy: with kin-openapi's OpenAPI 3.0 validator, as openapi3filter
	// ends up doing for this schema.
	legacy bool
	// compiled is the schema as JSON Schema 2020-12, when not legacy.
	compiled *jsonschema.Schema
}

// compileBodies prepares the body schema of every response the document
// has, in its operations and in its shared components. The 2020-12 ones are
// compiled inside one resource holding the document's component schemas, so
// their "#/components/schemas/…" references resolve as in the document.
func compileBodies(doc *openapi3.T) (bodySchemas, error) {
	refs := responseSchemas(doc)
	var components any = map[string]any{}
	if doc.Components != nil && doc.Components.Schemas != nil {
		var err error
		if components, err = viaJSON(doc.Components.Schemas); err != nil {
			return nil, fmt.Errorf("component schemas: %w", err)
		}
	}
	bodies := make([]any, len(refs))
	for i, ref := range refs {
		var err error
		if bodies[i], err = viaJSON(ref); err != nil {
			return nil, fmt.Errorf("response schema %s: %w", ref.Ref, err)
		}
	}
	resource := map[string]any{"components": map[string]any{"schemas": components}, "x-bodies": bodies}

	compiler := jsonschema.NewCompiler()
	compiler.DefaultDraft(jsonschema.Draft2020)
	registerFormats(compiler, resource)
	if err := compiler.AddResource(resourceURL, resource); err != nil {
		return nil, err
	}
	out := make(bodySchemas, len(refs))
	for i, ref := range refs {
		uses2020 := usesJSONSchema2020Features(ref.Value)
		if !uses2020 && refersToComponents(ref.Value) && !permitsNullByNullable(ref) {
			out[ref] = bodyValidator{legacy: true}
			continue
		}
		compiled, err := compiler.Compile(resourceURL + "#/x-bodies/" + strconv.Itoa(i))
		switch {
		case err == nil:
			out[ref] = bodyValidator{compiled: compiled}
		case !uses2020:
			out[ref] = bodyValidator{legacy: true} // openapi3filter falls back so too
		default:
			return nil, fmt.Errorf("compiling response schema %s: %w", ref.Ref, err)
		}
	}
	return out, nil
}

// responseSchemas lists the body schemas of every response, once each.
func responseSchemas(doc *openapi3.T) []*openapi3.SchemaRef {
	var refs []*openapi3.SchemaRef
	seen := map[*openapi3.SchemaRef]bool{}
	add := func(r *openapi3.ResponseRef) {
		if r == nil || r.Value == nil {
			return
		}
		for _, mt := range r.Value.Content {
			if mt != nil && mt.Schema != nil && mt.Schema.Value != nil && !seen[mt.Schema] {
				seen[mt.Schema] = true
				refs = append(refs, mt.Schema)
			}
		}
	}
	if doc.Paths != nil {
		for _, item := range doc.Paths.Map() {
			for _, op := range item.Operations() {
				if op.Responses != nil {
					for _, r := range op.Responses.Map() {
						add(r)
					}
				}
			}
		}
	}
	if doc.Components != nil {
		for _, r := range doc.Components.Responses {
			add(r)
		}
	}
	return refs
}

// usesJSONSchema2020Features is kin-openapi's test (v0.153.0,
// schemaUsesJSONSchema2020Features) for the keywords its OpenAPI 3.0
// validator cannot check: with one of them, a schema is always compiled.
func usesJSONSchema2020Features(schema *openapi3.Schema) bool {
	found := errors.New("found")
	err := openapi3.NewSchemaRef("", schema).WalkSubtree(func(_ string, ref *openapi3.SchemaRef) error {
		s := ref.Value
		if s == nil {
			return nil
		}
		if s.Const != nil || len(s.PrefixItems) != 0 || s.Contains != nil ||
			len(s.PatternProperties) != 0 || len(s.DependentSchemas) != 0 || s.PropertyNames != nil ||
			s.UnevaluatedItems.Has != nil || s.UnevaluatedItems.Schema != nil ||
			s.UnevaluatedProperties.Has != nil || s.UnevaluatedProperties.Schema != nil ||
			s.If != nil || s.Then != nil || s.Else != nil ||
			len(s.DependentRequired) != 0 || len(s.Defs) != 0 || s.ContentSchema != nil {
			return found
		}
		return nil
	})
	return errors.Is(err, found)
}

// refersToComponents reports a "#/components/schemas/…" reference inside
// the schema as it marshals, kin-openapi's other condition for its 3.0
// validator.
func refersToComponents(schema *openapi3.Schema) bool {
	doc, err := viaJSON(schema)
	if err != nil {
		return false
	}
	var walk func(any) bool
	walk = func(n any) bool {
		switch n := n.(type) {
		case map[string]any:
			if ref, ok := n["$ref"].(string); ok && strings.HasPrefix(ref, "#/components/schemas/") {
				return true
			}
			for _, v := range n {
				if walk(v) {
					return true
				}
			}
		case []any:
			for _, v := range n {
				if walk(v) {
					return true
				}
			}
		}
		return false
	}
	return walk(doc)
}

// permitsNullByNullable reports an OpenAPI 3.0 "nullable" in the schema.
// openapi3filter's 3.0 validator ignores it in a 3.1 document, but reached
// without the 3.1 option it would honour it: such a schema is compiled
// instead, so that nullable stays meaningless, as in 3.1.
func permitsNullByNullable(ref *openapi3.SchemaRef) bool {
	found := errors.New("found")
	err := ref.WalkSubtree(func(_ string, r *openapi3.SchemaRef) error {
		if r.Value != nil && r.Value.Nullable {
			return found
		}
		return nil
	})
	return errors.Is(err, found)
}

// viaJSON is v as the schema compiler reads a document: decoded JSON, with
// numbers as json.Number.
func viaJSON(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

// registerFormats asserts every format the document names with
// kin-openapi's own validators, as openapi3filter does, so that a
// "date-time" means here what it means there.
func registerFormats(c *jsonschema.Compiler, node any) {
	formats := map[string]bool{}
	var collect func(any)
	collect = func(n any) {
		switch n := n.(type) {
		case map[string]any:
			if f, ok := n["format"].(string); ok && f != "" {
				formats[f] = true
			}
			for _, v := range n {
				collect(v)
			}
		case []any:
			for _, v := range n {
				collect(v)
			}
		}
	}
	collect(node)
	for name := range formats {
		c.RegisterFormat(&jsonschema.Format{Name: name, Validate: formatValidator(name)})
	}
	if len(formats) > 0 {
		c.AssertFormat()
	}
}

// formatValidator checks a value against kin-openapi's validator for the
// format; a format it defines no validator for accepts anything.
func formatValidator(name string) func(any) error {
	return func(v any) error {
		switch v := v.(type) {
		case string:
			if f, ok := openapi3.SchemaStringFormats[name]; ok {
				return f.Validate(v)
			}
		case json.Number:
			if i, err := v.Int64(); err == nil {
				if f, ok := openapi3.SchemaIntegerFormats[name]; ok {
					return f.Validate(i)
				}
			}
			if x, err := v.Float64(); err == nil {
				if f, ok := openapi3.SchemaNumberFormats[name]; ok {
					return f.Validate(x)
				}
			}
		}
		return nil
	}
}

// checkBody validates body against the schema the document gives
// response for the response's content type, decoded as openapi3filter
// decodes it (numbers as json.Number). openapi3filter has checked the rest:
// it was told to leave the body out.
func (c *Checker) checkBody(response *openapi3.Response, header http.Header, body []byte) error {
	if len(response.Content) == 0 {
		return nil // no body described
	}
	ct := header.Get("Content-Type")
	mt := response.Content.Get(ct)
	if mt == nil {
		return fmt.Errorf("response header Content-Type has unexpected value: %q", ct)
	}
	if mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	value, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("failed to decode response body: %w", err)
	}
	v, ok := c.bodies[mt.Schema]
	switch {
	case !ok:
		// Not a response of the document: let kin-openapi prepare a
		// validator, slowly but as it always has.
		err = mt.Schema.Value.VisitJSON(value, openapi3.VisitAsResponse(), openapi3.EnableJSONSchema2020())
	case v.legacy:
		err = mt.Schema.Value.VisitJSON(value, openapi3.VisitAsResponse())
	default:
		err = v.compiled.Validate(value)
	}
	if err == nil {
		err = utcTimes(value)
	}
	if err != nil {
		return fmt.Errorf("response body doesn't match schema %s: %w", mt.Schema.Ref, err)
	}
	return nil
}

// timeKeys are the body keys that hold a Timestamp.
var timeKeys = map[string]bool{"created_at": true, "updated_at": true}

// utcTimes holds every timestamp of a body to the contract's UTC (a
// trailing Z). openapi.yaml says so in words only: a `pattern` beside
// `format: date-time` makes mock generators fail (Prism's could not start).
func utcTimes(v any) error {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && timeKeys[k] && !strings.HasSuffix(s, "Z") {
				return fmt.Errorf("%s %q is not in UTC (no trailing Z)", k, s)
			}
			if err := utcTimes(x); err != nil {
				return err
			}
		}
	case []any:
		for _, x := range v {
			if err := utcTimes(x); err != nil {
				return err
			}
		}
	}
	return nil
}
