// Package config loads dxdash's TOML configuration: defaults, file
// discovery, the API key from the environment, and validation whose errors
// name the file, line and key.
//
// It imports nothing of dxdash.
package config
