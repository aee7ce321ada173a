package review_test

import (
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
)

// demoDetails is the demo corpus (seed 1, 500 datasets, the default epoch,
// a still account) as GET /datasets/{id} gives each, in list order.
func demoDetails(count int) []client.Dataset {
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = count
	cfg.Now = func() time.Time { return cfg.Epoch }
	srv := fakeapi.New(cfg)
	list := srv.Datasets()
	out := make([]client.Dataset, 0, len(list))
	for _, s := range list {
		if ds, ok := srv.Dataset(s.ID); ok {
			out = append(out, ds)
		}
	}
	return out
}
