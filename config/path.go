package config

import (
	"errors"
	"os"
	"path/filepath"
)

// DefaultPath returns where dxdash looks for its config file when no
// --config is given: $XDG_CONFIG_HOME/dxdash/config.toml, else
// ~/.config/dxdash/config.toml.
func DefaultPath() (string, error) {
	return defaultPath(os.Getenv, os.UserHomeDir)
}

func defaultPath(getenv func(string) string, homeDir func() (string, error)) (string, error) {
	// The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be
	// ignored.
	if xdg := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(xdg) {
		return filepath.Join(xdg, "dxdash", "config.toml"), nil
	}
	home, err := homeDir()
	if err != nil || home == "" {
		return "", errors.New("cannot find the config directory: neither $XDG_CONFIG_HOME nor $HOME is set; use --config FILE")
	}
	return filepath.Join(home, ".config", "dxdash", "config.toml"), nil
}
