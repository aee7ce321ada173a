package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/store"
)

// exportOffline is `dxdash export --offline`: the same table, from the
// store alone, without a request. Server search needs the server, so
// --search is refused; with --fields, datasets whose detail is not stored
// are left out, and the summary line says how many.
func exportOffline(ctx context.Context, cfg config.Config, demo bool, params client.ListParams, fields bool,
	format string, stdout, stderr io.Writer, env exportEnv) int {
	if params.Search != "" {
		fmt.Fprintln(stderr, "dxdash export: --search asks the server, so it cannot go with --offline")
		return exitUsage
	}
	file := store.FileName(cfg.BaseURL, string(cfg.APIKey))
	if demo {
		file = demoStoreFile(demoConfig(time.Now()))
	}
	opened, err := openStore(ctx, cfg, file, nil)
	if err != nil {
		fmt.Fprintln(stderr, "dxdash export:", err)
		return 1
	}
	st := opened.Store
	defer st.Close()
	for _, n := range opened.Notices {
		fmt.Fprintln(stderr, "dxdash export:", n)
	}
	f := store.Filter{CustomerID: params.CustomerID, DatasetType: params.DatasetType, IsVerified: params.IsVerified}
	var list []client.Dataset
	for offset := 0; ; offset += 1000 {
		rows, err := st.Rows(ctx, store.Query{Filter: f, Offset: offset, Limit: 1000})
		if err != nil {
			fmt.Fprintln(stderr, "dxdash export: reading the store:", err)
			return 1
		}
		for _, r := range rows {
			list = append(list, r.Dataset)
		}
		if len(rows) < 1000 {
			break
		}
	}
	if len(list) == 0 {
		fmt.Fprintln(stderr, "dxdash export: the store holds no matching dataset (run dxdash sync first)")
	}
	t := exportTable{columns: datasetColumns, datasets: len(list)}
	missing := 0
	if fields {
		t.columns = fieldColumns
		ids := make([]string, len(list))
		for i, d := range list {
			ids[i] = d.ID
		}
		details, err := st.Details(ctx, ids)
		if err != nil {
			fmt.Fprintln(stderr, "dxdash export: reading the store:", err)
			return 1
		}
		for _, d := range list {
			if full, ok := details[d.ID]; ok {
				t.rows = append(t.rows, fieldRows(full.Dataset)...)
			} else {
				missing++
			}
		}
		t.datasets -= missing
	} else {
		for _, d := range list {
			t.rows = append(t.rows, datasetRow(d))
		}
	}
	if env.terminal {
		t = t.sanitized()
	}
	out, err := t.csv()
	if format == "json" {
		out, err = t.json()
	}
	if err == nil {
		_, err = stdout.Write(out)
	}
	if err != nil {
		fmt.Fprintln(stderr, "dxdash export: writing:", err)
		return 1
	}
	note := ""
	if missing > 0 {
		note = fmt.Sprintf(" (%d without a stored detail left out: dxdash sync --details all)", missing)
	}
	fmt.Fprintf(stderr, "dxdash export: %d rows from %d datasets in the store%s\n", len(t.rows), t.datasets, note)
	return 0
}
