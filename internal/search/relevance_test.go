package search

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/leefwereld/leefwereld/internal/workspace"
)

// fixture is the relevance workspace: the starter library plus testdata/workspace
// (invented pupils, two teams), imported as one commit.
func fixture(t testing.TB) (string, *workspace.Workspace) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	w, err := workspace.Create(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if _, probs, err := w.Import(filepath.Join("testdata", "workspace"), author, "fixture"); err != nil {
		t.Fatalf("import fixture: %v %v", err, probs)
	}
	return data, w
}

type relevanceSet struct {
	Queries []struct {
		Q    string   `json:"q"`
		Want []string `json:"want"`
		Also []string `json:"also"`
	} `json:"queries"`
}

type relevance struct{ recall, mrr float64 }

// measure runs every query and returns recall@5 (the share of "want" pages in the first
// five, averaged over queries) and MRR (1/rank of the first "want" or "also" page in the
// first ten, averaged).
func measure(t *testing.T, x *Index, set relevanceSet, verbose bool) relevance {
	t.Helper()
	var r relevance
	for _, q := range set.Queries {
		res, err := x.Search(context.Background(), Query{Text: q.Q, Size: 10})
		if err != nil {
			t.Fatalf("%q: %v", q.Q, err)
		}
		got := refs(res.Hits)
		found := 0
		for _, want := range q.Want {
			for i, g := range got {
				if g == want && i < 5 {
					found++
				}
			}
		}
		r.recall += float64(found) / float64(len(q.Want))
		for i, g := range got {
			hit := false
			for _, want := range append(q.Want, q.Also...) {
				if g == want {
					hit = true
				}
			}
			if hit {
				r.mrr += 1 / float64(i+1)
				if verbose && i > 0 {
					t.Logf("  %-40q first wanted page at rank %d; top: %v", q.Q, i+1, got[:i+1])
				}
				break
			}
		}
		if verbose && found < len(q.Want) {
			t.Logf("  %-40q found %d/%d; top 5: %v", q.Q, found, len(q.Want), got[:min(5, len(got))])
		}
	}
	n := float64(len(set.Queries))
	return relevance{r.recall / n, r.mrr / n}
}

// TestRelevance compares our Dutch analysis with bleve's plain nl analyzer on the same
// documents and the same query parser (plain: no compound parts, no synonyms).
func TestRelevance(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "relevance.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set relevanceSet
	if err := json.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Queries) < 30 {
		t.Fatalf("the relevance set has %d queries; keep at least 30", len(set.Queries))
	}
	dir, w := fixture(t)
	x := openIndex(t, dir, w, Options{})
	p, err := open(context.Background(), filepath.Join(t.TempDir(), "plain"), w.Store, Options{}, plain)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()

	t.Log("ours, misses:")
	o := measure(t, x, set, true)
	t.Log("plain nl, misses:")
	b := measure(t, p, set, false)
	t.Logf("%d queries: ours recall@5 %.3f MRR %.3f; plain nl recall@5 %.3f MRR %.3f",
		len(set.Queries), o.recall, o.mrr, b.recall, b.mrr)
	const minRecall, minMRR = 0.88, 0.85
	if o.recall < minRecall || o.mrr < minMRR {
		t.Errorf("ours: recall@5 %.3f (want ≥ %.2f), MRR %.3f (want ≥ %.2f)", o.recall, minRecall, o.mrr, minMRR)
	}
	if o.recall <= b.recall || o.mrr <= b.mrr {
		t.Errorf("ours (%.3f, %.3f) does not beat plain nl (%.3f, %.3f)", o.recall, o.mrr, b.recall, b.mrr)
	}
}
