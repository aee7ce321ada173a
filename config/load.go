package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Load reads the config file at path over the defaults, then takes the API
// key from the environment variable the config names, which wins over
// api_key in the file. getenv is os.Getenv in production (nil means that).
//
// A missing file is fine unless explicit is true (the user named it with
// --config): then it is an error. The returned error is a *Error, or when
// the file has several problems, an errors.Join of one *Error per problem,
// sorted by line (errors.As finds the first). Warnings (such as a file that
// holds api_key being readable by others) do not stop loading. Neither
// errors nor warnings ever contain the API key.
func Load(path string, explicit bool, getenv func(string) string) (Config, []Warning, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg := Defaults()
	var warnings []Warning

	doc, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		// No file: the defaults stand.
	case err != nil:
		return Config{}, nil, &Error{File: path, Msg: readFailure(err)}
	default:
		cfg, err = parse(path, doc)
		if err != nil {
			return Config{}, nil, err
		}
		cfg.Path = path
		if cfg.APIKey != "" {
			if w, ok := permissionWarning(path); ok {
				warnings = append(warnings, w)
			}
		}
	}

	switch fromEnv := strings.TrimSpace(getenv(cfg.APIKeyEnv)); {
	case fromEnv != "":
		cfg.APIKey = Secret(fromEnv)
		cfg.KeySource = "env " + cfg.APIKeyEnv
	case cfg.APIKey != "":
		cfg.KeySource = path
	}
	return cfg, warnings, nil
}

func readFailure(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "config file not found"
	case errors.Is(err, fs.ErrPermission):
		return "cannot read the config file: permission denied"
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return "cannot read the config file: " + pathErr.Err.Error()
	}
	return "cannot read the config file: " + err.Error()
}

// parse decodes and validates doc, the contents of file.
func parse(file string, doc []byte) (Config, error) {
	places := indexKeys(doc)
	f := fileFromConfig(Defaults())

	dec := toml.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	err := dec.Decode(&f)

	var errs []*Error
	var unknown *toml.StrictMissingError
	var decodeErr *toml.DecodeError
	switch {
	case err == nil:
	case errors.As(err, &unknown):
		// Everything else decoded, so the values can still be validated and
		// all the problems reported at once.
		for i := range unknown.Errors {
			errs = append(errs, unknownKeyError(file, &unknown.Errors[i]))
		}
	case errors.As(err, &decodeErr):
		// A syntax or type error leaves the rest undecoded: report it alone.
		return Config{}, decodeError(file, doc, places, decodeErr)
	default:
		return Config{}, &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}

	errs = append(errs, validate(file, f, places)...)
	if len(errs) > 0 {
		return Config{}, joinErrors(errs)
	}
	return f.toConfig(), nil
}

func unknownKeyError(file string, e *toml.DecodeError) *Error {
	line, col := e.Position()
	key := strings.Join(e.Key(), ".")
	msg := "unknown key"
	if s := suggestKey(key); s != "" {
		msg += "; did you mean " + s + "?"
	}
	return &Error{File: file, Line: line, Column: col, Key: key, Msg: msg}
}

// decodeError turns go-toml's error into ours. go-toml's messages for type
// mismatches name Go types, so those are rewritten as "want X, got Y"; and
// a syntax error's message that quotes a character of the file ("invalid
// escape character U+0071 'q'") is replaced wholesale on a line that holds
// api_key.
func decodeError(file string, doc []byte, places map[string]keyPlace, e *toml.DecodeError) *Error {
	line, col := e.Position()
	key := strings.Join(e.Key(), ".")
	if key == "" {
		key = keyOnLine(doc, line)
	}
	msg := strings.TrimPrefix(e.Error(), "toml: ")

	shape, known := schema[key]
	place, seen := places[key]
	switch {
	case known && seen && !kindFits(place.Kind, shape):
		msg = fmt.Sprintf("want %s, got %s", shape.want, tomlKindName(place.Kind))
	case (key == "api_key" || strings.HasSuffix(key, ".api_key")) && strings.ContainsAny(msg, `+'"`):
		msg = "invalid TOML (details hidden: they would quote part of the API key)"
	}
	return &Error{File: file, Line: line, Column: col, Key: key, Msg: msg}
}

func joinErrors(errs []*Error) error {
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		return errs[i].Column < errs[j].Column
	})
	if len(errs) == 1 {
		return errs[0]
	}
	joined := make([]error, len(errs))
	for i, e := range errs {
		joined[i] = e
	}
	return errors.Join(joined...)
}

// permissionWarning warns when the file holding the key can be read by
// anyone but its owner.
func permissionWarning(path string) (Warning, bool) {
	if runtime.GOOS == "windows" {
		return Warning{}, false // mode bits mean nothing there
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm()&0o077 == 0 {
		return Warning{}, false
	}
	return Warning{
		File: path,
		Msg: fmt.Sprintf("holds api_key but is readable by group or others (mode %04o); run: chmod 600 %s",
			info.Mode().Perm(), path),
	}, true
}
