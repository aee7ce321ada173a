package syncer

import (
	"context"
	"errors"
	"fmt"

	"github.com/dxdash/dxdash/client"
)

// Refresh fetches one dataset at priority p, whatever the store holds of
// it, and stores it in its own transaction: for a webhook event, which
// says the dataset changed even when the stored detail looks current. It
// returns what it stored; ok is false when the server has no such dataset.
func (s *Syncer) Refresh(ctx context.Context, id string, p Priority) (d client.Dataset, ok bool, err error) {
	err = s.request(ctx, p, func() (err error) {
		d, err = s.api.GetDataset(ctx, id)
		return err
	})
	s.count(0, 1)
	if errors.Is(err, client.ErrNotFound) {
		return client.Dataset{}, false, nil
	}
	if err != nil {
		return client.Dataset{}, false, fmt.Errorf("fetching dataset %s: %w", id, err)
	}
	if err := s.st.PutDetail(ctx, d, s.clock.Now()); err != nil {
		return client.Dataset{}, false, fmt.Errorf("storing dataset %s: %w", id, err)
	}
	return d, true, nil
}
