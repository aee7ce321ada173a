package common

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
)

// WriteCSV writes records to name in the first directory that takes it
// (never over an existing file), and returns the path written. It does
// file I/O: call it from a command.
func WriteCSV(dirs []string, name string, records [][]string) (string, error) {
	var errs []error
	for _, dir := range dirs {
		path := filepath.Join(dir, name)
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		w := csv.NewWriter(f)
		werr := w.WriteAll(records)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return "", werr
		}
		return path, nil
	}
	return "", errors.Join(errs...)
}
