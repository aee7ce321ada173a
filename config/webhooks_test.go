package config

import (
	"fmt"
	"strings"
	"testing"
)

func TestWebhooksListenBindsLoopbackUnlessTold(t *testing.T) {
	for listen, want := range map[string]string{
		"":              "",
		":8787":         "127.0.0.1:8787",
		"0.0.0.0:8787":  "0.0.0.0:8787",
		"[::]:8787":     "[::]:8787",
		"127.0.0.1:0":   "127.0.0.1:0",
		"hooks.lan:443": "hooks.lan:443",
	} {
		path := writeConfig(t, fmt.Sprintf("[webhooks]\nlisten = %q\n", listen))
		cfg, _, err := Load(path, true, noEnv)
		if err != nil {
			t.Errorf("listen %q: %v", listen, err)
			continue
		}
		if got := cfg.Webhooks.ListenAddr(); got != want {
			t.Errorf("listen %q binds %q, want %q", listen, got, want)
		}
	}
	for _, bad := range []string{"8787", "localhost", "127.0.0.1:http", "127.0.0.1:70000", "a b:1"} {
		path := writeConfig(t, fmt.Sprintf("[webhooks]\nlisten = %q\n", bad))
		if _, _, err := Load(path, true, noEnv); err == nil || !strings.Contains(err.Error(), ":2:") || !strings.Contains(err.Error(), "webhooks.listen") {
			t.Errorf("listen %q: err = %v, want one at line 2", bad, err)
		}
	}
	for key, bad := range map[string]string{"path": "hooks", "secret_env": "NOT A NAME"} {
		path := writeConfig(t, fmt.Sprintf("[webhooks]\n%s = %q\n", key, bad))
		if _, _, err := Load(path, true, noEnv); err == nil || !strings.Contains(err.Error(), "webhooks."+key) {
			t.Errorf("%s = %q: err = %v", key, bad, err)
		}
	}
}

// The secrets come from the variable secret_env names, never the file;
// several, comma-separated, for a rotation; and never printed.
func TestWebhookSecretsFromTheEnvironment(t *testing.T) {
	path := writeConfig(t, "[webhooks]\nsecret_env = \"HOOK\"\n")
	env := map[string]string{"HOOK": " whsec_new , ,whsec_old "}
	cfg, _, err := Load(path, true, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if s := cfg.Webhooks.Secrets; len(s) != 2 || s[0] != "whsec_new" || s[1] != "whsec_old" {
		t.Errorf("secrets = %d, want the two", len(s))
	}
	if printed := fmt.Sprintf("%+v %v", cfg, cfg.Webhooks); strings.Contains(printed, "whsec") {
		t.Errorf("a secret printed: %s", printed)
	}
	if path := writeConfig(t, "[webhooks]\nsecret = \"x\"\n"); true {
		if _, _, err := Load(path, true, noEnv); err == nil {
			t.Error("a secret in the file was accepted")
		}
	}
}
