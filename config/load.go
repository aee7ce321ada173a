package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// Load reads the config file at path over the defaults, then takes the API
// key from the environment variable the config names, which wins over
// api_key in the file. getenv is os.Getenv in production (nil means that).
//
// A missing file is fine unless explicit is true (the user named it with
// --config): then it is an error. The returned error is a *Error, or when
// the file has several problems, an errors.Join of one *Error per problem,
// sorted by line (errors.As finds the first): the first 20, then one more
// that counts the rest. A file over 1 MiB is refused unread, and a key
// shorter than MinKeyLength, from the file or the environment, is refused.
// A UTF-8 byte-order mark at the start is skipped. Warnings (such as a file
// that holds api_key being readable by others) do not stop loading. Neither
// errors nor warnings ever contain the API key.
func Load(path string, explicit bool, getenv func(string) string) (Config, []Warning, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg := Defaults()
	var warnings []Warning
	var keyLine keyPlace // where the file sets api_key

	doc, err := readCapped(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		// No file: the defaults stand.
	case err != nil:
		return Config{}, nil, &Error{File: path, Msg: readFailure(err)}
	default:
		cfg, keyLine, err = parseFile(path, doc)
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
		if err := checkKeyLength(fromEnv, &Error{File: "environment variable " + cfg.APIKeyEnv}); err != nil {
			return Config{}, nil, err
		}
	case cfg.APIKey != "":
		cfg.KeySource = path
		if err := checkKeyLength(string(cfg.APIKey), &Error{File: path, Line: keyLine.Line, Column: keyLine.Column, Key: "api_key"}); err != nil {
			return Config{}, nil, err
		}
	}
	cfg.Webhooks.Secrets = splitSecrets(getenv(cfg.Webhooks.SecretEnv))
	return cfg, warnings, nil
}

// splitSecrets reads the webhook secrets from a variable's value: several,
// comma-separated, during a rotation; blanks dropped.
func splitSecrets(value string) []Secret {
	var out []Secret
	for _, s := range strings.Split(value, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, Secret(s))
		}
	}
	return out
}

// MinKeyLength is the shortest API key dxdash accepts. The key is hidden
// from every message and log by replacing any piece of it this long or
// longer (client.MinRedactedPiece); a shorter key would be found inside
// ordinary words, and hiding it would garble every message (a key of "a"
// turns each "a" into [redacted]). Real keys are far longer.
const MinKeyLength = 8

// checkKeyLength refuses a key shorter than MinKeyLength with where, an
// *Error that says where the key was read, completed with why. The message
// gives the key's length, never the key.
func checkKeyLength(key string, where *Error) error {
	n := utf8.RuneCountInString(key)
	if n >= MinKeyLength {
		return nil
	}
	chars := "characters"
	if n == 1 {
		chars = "character"
	}
	where.Msg = fmt.Sprintf("the API key is %d %s long: too short to be a real key, and dxdash refuses a key under %d characters because it could not hide one that short in its messages and logs (it would match ordinary text)", n, chars, MinKeyLength)
	return where
}

// maxFileSize bounds what is read of a config file. A config is a few
// hundred bytes; a larger file is the wrong file (or a device that never
// ends), and reading it all would cost time and memory for nothing.
const maxFileSize = 1 << 20

// readCapped reads path, refusing a file over maxFileSize without reading
// more than that.
func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(doc) > maxFileSize {
		return nil, errTooLarge
	}
	return doc, nil
}

var errTooLarge = errors.New("the config file is larger than 1 MiB; a dxdash config is a few hundred bytes: is this the right file?")

func readFailure(err error) string {
	switch {
	case errors.Is(err, errTooLarge):
		return err.Error()
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

// utf8BOM is the byte-order mark some Windows editors write at the start
// of a UTF-8 file. TOML does not allow it, but it is invisible in those
// editors, so it is skipped rather than reported as a bad character.
var utf8BOM = []byte("\xef\xbb\xbf")

// parse decodes and validates doc, the contents of file. Unknown keys are
// found from the index of keys, not by go-toml's strict mode, whose
// errors each count lines from the top of the file: quadratic, 7 s for
// 16 000 unknown keys.
func parse(file string, doc []byte) (Config, error) {
	cfg, _, err := parseFile(file, doc)
	return cfg, err
}

// parseFile is parse, also saying where the file sets api_key.
func parseFile(file string, doc []byte) (Config, keyPlace, error) {
	doc = bytes.TrimPrefix(doc, utf8BOM)
	idx := indexKeys(doc)
	if len(idx.entries) > maxDecodedKeys {
		return Config{}, keyPlace{}, tooManyKeys(file, doc, idx)
	}
	f := fileFromConfig(Defaults())

	err := toml.NewDecoder(bytes.NewReader(doc)).Decode(&f)
	var decodeErr *toml.DecodeError
	switch {
	case err == nil:
	case errors.As(err, &decodeErr):
		// A syntax or type error leaves the rest undecoded: report it alone.
		return Config{}, keyPlace{}, decodeError(file, doc, idx.places, decodeErr)
	default:
		return Config{}, keyPlace{}, &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}

	// Everything else decoded, so the values can still be validated and
	// all the problems reported at once.
	errs, unlisted := unknownKeys(file, idx, maxListed)
	errs = append(errs, validate(file, f, idx.places)...)
	if len(errs) > 0 {
		return Config{}, keyPlace{}, joinErrors(file, errs, unlisted)
	}
	return f.toConfig(), idx.places["api_key"], nil
}

// decodeError turns go-toml's error into ours. go-toml's messages for type
// mismatches name Go types, so those are rewritten as "want X, got Y"; and
// a syntax error's message that quotes a character of the file ("invalid
// escape character U+0071 'q'") is replaced wholesale on a line that holds
// api_key.
func decodeError(file string, doc []byte, places map[string]keyPlace, e *toml.DecodeError) *Error {
	line, col := e.Position()
	return problemAt(file, doc, places, line, col, e.Key(), strings.TrimPrefix(e.Error(), "toml: "))
}

// problemAt is a syntax or type error at line and col, in our words.
func problemAt(file string, doc []byte, places map[string]keyPlace, line, col int, keyParts []string, msg string) *Error {
	key := strings.Join(keyParts, ".")
	if key == "" {
		key = keyOnLine(doc, line)
	}

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

// maxDecodedKeys is the most keys a file may hold for go-toml to decode
// it. go-toml checks each key against every key already in its table,
// which is quadratic: nothing for a config's twenty keys, 40 s for 100 000.
// A file with more than this is not a dxdash config; its problems are
// found in the index of keys alone, in time linear in its size.
const maxDecodedKeys = 1000

// tooManyKeys reports a file of more than maxDecodedKeys keys without
// decoding it: its syntax error if it has one, else its unknown keys (it
// has at least a thousand, unless it repeats known ones, which TOML does
// not allow either).
func tooManyKeys(file string, doc []byte, idx keyIndex) error {
	if e := idx.syntax; e != nil {
		line, col := idx.position(e.Highlight)
		return problemAt(file, doc, idx.places, line, col, e.Key, e.Message)
	}
	errs, unlisted := unknownKeys(file, idx, maxListed)
	if len(errs) == 0 {
		return &Error{File: file, Msg: fmt.Sprintf("holds %d keys, and a dxdash config has %d at most: keys are repeated", len(idx.entries), len(schema))}
	}
	return joinErrors(file, errs, unlisted)
}

// maxListed is how many problems an error lists; the rest are counted.
// A file of a hundred thousand unknown keys (the wrong file, most likely)
// would otherwise print a hundred thousand lines.
const maxListed = 20

// joinErrors sorts the problems by line and lists the first maxListed,
// then one more *Error that counts the rest (with unlisted, those already
// left out).
func joinErrors(file string, errs []*Error, unlisted int) error {
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		return errs[i].Column < errs[j].Column
	})
	if len(errs) > maxListed {
		unlisted += len(errs) - maxListed
		errs = errs[:maxListed]
	}
	if unlisted > 0 {
		errs = append(errs, &Error{File: file, Msg: fmt.Sprintf("and %d more problems, not listed", unlisted)})
	}
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
