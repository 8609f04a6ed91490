package search

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// batchSize bounds the documents written in one bleve batch during a full build.
const batchSize = 500

// SyncResult says what one Sync did.
type SyncResult struct {
	From, To string // commits before and after
	Indexed  int    // pages (re)indexed
	Deleted  int    // pages removed
	Rebuilt  bool   // the index was rebuilt from scratch (history rewritten)
	Took     time.Duration
}

// Sync brings the index up to the branch's head. It walks the first-parent line back from
// head to the recorded commit, collects the paths each commit changed, and reindexes only
// those pages (a deleted or renamed-away page is removed), all in one batch that also records
// the new commit, so a crash never leaves the index claiming a commit it does not hold.
// If the recorded commit is not on the line (history was rewritten), the index is rebuilt.
// The web layer calls Sync after every save; it is cheap when nothing changed.
func (x *Index) Sync(ctx context.Context) (SyncResult, error) {
	// Nearly every call (one per search) finds nothing new: answer that without taking the
	// sync lock, so concurrent searches do not queue behind each other here.
	if head, err := x.st.Head(); err == nil && head == x.Commit() && x.syn.Load().commit == head {
		return SyncResult{From: head, To: head}, nil
	}
	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	start := time.Now()
	head, err := x.st.Head()
	if err != nil {
		return SyncResult{}, fmt.Errorf("search: sync: %w", err)
	}
	from := x.Commit()
	res := SyncResult{From: from, To: head}
	if head == from {
		if x.syn.Load().commit != head {
			x.loadSynonyms(head)
		}
		return res, nil
	}
	commits, found, err := x.between(from, head)
	if err != nil {
		return res, err
	}
	if !found {
		x.progress("zoekindex: de geschiedenis is herschreven; de index wordt opnieuw opgebouwd")
		if err := x.rebuild(ctx); err != nil {
			return res, err
		}
		res.Rebuilt, res.Took = true, time.Since(start)
		return res, nil
	}
	changed := map[string]bool{}
	for _, c := range commits {
		paths, err := x.st.Changed(c)
		if err != nil {
			return res, fmt.Errorf("search: sync: %w", err)
		}
		for _, p := range paths {
			if isPage(p) {
				changed[p] = true
			}
		}
	}
	res.Indexed, res.Deleted, err = x.apply(ctx, sortedKeys(changed), head)
	if err != nil {
		return res, err
	}
	res.Took = time.Since(start)
	return res, nil
}

// between returns the commits after from up to head on the first-parent line, newest first,
// and whether from is on that line at all. It asks the log for a few commits first and only
// reads further back when the index is far behind.
func (x *Index) between(from, head string) ([]string, bool, error) {
	if from == "" {
		return nil, false, nil
	}
	for limit := 16; ; limit *= 8 {
		log, err := x.st.Log(limit)
		if err != nil {
			return nil, false, fmt.Errorf("search: sync: %w", err)
		}
		out := make([]string, 0, len(log))
		for _, c := range log {
			if c.Hash == from {
				return out, true, nil
			}
			out = append(out, c.Hash)
		}
		if len(log) < limit {
			return nil, false, nil
		}
	}
}

// apply reindexes or removes the given pages as they are at head and records head.
func (x *Index) apply(ctx context.Context, paths []string, head string) (indexed, deleted int, err error) {
	idx, err := x.get()
	if err != nil {
		return 0, 0, err
	}
	exists := x.lazyExists(head)
	b := idx.NewBatch()
	themesChanged := false
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		if ref, _ := wiki.RefFromPath(p); ref.Kind == wiki.Theme {
			themesChanged = true
		}
		f, err := x.st.Read(p, head)
		var doc map[string]any
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return 0, 0, fmt.Errorf("search: sync %s: %w", p, err)
		default:
			doc = document(p, f.Content, x.history(p), exists)
		}
		if doc == nil {
			b.Delete(p)
			deleted++
			continue
		}
		if err := b.Index(p, doc); err != nil {
			return 0, 0, fmt.Errorf("search: index %s: %w", p, err)
		}
		indexed++
	}
	b.SetInternal([]byte(keyCommit), []byte(head))
	if err := idx.Batch(b); err != nil {
		return 0, 0, fmt.Errorf("search: sync: %w", err)
	}
	x.mu.Lock()
	x.commit = head
	x.mu.Unlock()
	x.indexed.Add(int64(indexed))
	x.deleted.Add(int64(deleted))
	if themesChanged || x.syn.Load().commit == "" {
		x.loadSynonyms(head)
	}
	return indexed, deleted, nil
}

// history looks up when a page last changed and who changed it (from the store's own
// per-page history index: its cost is the page's number of versions).
func (x *Index) history(path string) history {
	revs, err := x.st.History(path)
	if err != nil || len(revs) == 0 {
		return history{}
	}
	h := history{updated: revs[0].Author.When}
	seen := map[string]bool{}
	for _, r := range revs {
		if n := r.Author.Name; n != "" && !seen[n] {
			seen[n] = true
			h.authors = append(h.authors, n)
		}
	}
	return h
}

// lazyExists answers "does this page exist at head" by listing a kind's folder the first time
// it is asked about; most wiki links name themes, so usually only themes/ is listed.
func (x *Index) lazyExists(head string) func(wiki.Ref) bool {
	folders := map[wiki.Kind]map[wiki.Slug]bool{}
	return func(r wiki.Ref) bool {
		set, ok := folders[r.Kind]
		if !ok {
			set = map[wiki.Slug]bool{}
			entries, _ := x.st.List(r.Kind.Folder(), head)
			for _, e := range entries {
				if ref, err := wiki.RefFromPath(e.Path); err == nil {
					set[ref.Slug] = true
				}
			}
			folders[r.Kind] = set
		}
		return set[r.Slug]
	}
}

// Rebuild throws the index away and builds it again from the branch's head.
func (x *Index) Rebuild(ctx context.Context) error {
	x.syncMu.Lock()
	defer x.syncMu.Unlock()
	return x.rebuild(ctx)
}

func (x *Index) rebuild(ctx context.Context) error {
	start := time.Now()
	x.mu.Lock()
	if x.idx != nil {
		x.idx.Close()
		x.idx = nil
	}
	idx, err := x.create()
	if err != nil {
		x.mu.Unlock()
		return err
	}
	x.idx, x.commit = idx, ""
	x.mu.Unlock()
	x.rebuilds.Add(1)

	head, err := x.st.Head()
	if err != nil {
		return fmt.Errorf("search: rebuild: %w", err)
	}
	var paths []string
	all := map[wiki.Ref]bool{}
	if head != "" {
		err = x.st.Walk(head, func(e store.Entry) error {
			if isPage(e.Path) {
				paths = append(paths, e.Path)
				ref, _ := wiki.RefFromPath(e.Path)
				all[ref] = true
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("search: rebuild: %w", err)
		}
	}
	exists := func(r wiki.Ref) bool { return all[r] }
	x.progress("zoekindex opbouwen: %d pagina's", len(paths))

	// Parsing pages (YAML, Markdown) is the costly part: spread each batch over the cores.
	// While bleve analyses one batch, the next one is parsed.
	var pending chan error
	for from := 0; from < len(paths) || from == 0; from += batchSize {
		to := min(from+batchSize, len(paths))
		docs, err := x.parseAll(ctx, paths[from:to], head, exists)
		if err != nil {
			return err
		}
		if pending != nil {
			if err := <-pending; err != nil {
				return err
			}
		}
		b := idx.NewBatch()
		for i, d := range docs {
			if d != nil {
				if err := b.Index(paths[from+i], d); err != nil {
					return fmt.Errorf("search: index %s: %w", paths[from+i], err)
				}
			}
		}
		if to == len(paths) {
			b.SetInternal([]byte(keyCommit), []byte(head))
		}
		pending = make(chan error, 1)
		go func(b *bleve.Batch, done int) {
			err := idx.Batch(b)
			if err == nil {
				x.progress("zoekindex: %d van %d pagina's", done, len(paths))
			}
			pending <- err
		}(b, to)
		if to == len(paths) {
			break
		}
	}
	if err := <-pending; err != nil {
		return fmt.Errorf("search: rebuild: %w", err)
	}
	// The batches leave several segments; a search visits each of them, so the fresh index
	// is merged into one (a fraction of a second at 10,000 pages, ~25% off every search).
	if err := forceMerge(ctx, idx); err != nil {
		return err
	}
	x.indexed.Add(int64(len(paths)))
	x.mu.Lock()
	x.commit = head
	x.mu.Unlock()
	x.loadSynonyms(head)
	x.progress("zoekindex klaar: %d pagina's in %s", len(paths), time.Since(start).Round(time.Millisecond))
	return nil
}

// parseAll reads and parses pages on every core; a page that is not a page yields nil.
func (x *Index) parseAll(ctx context.Context, paths []string, head string, exists func(wiki.Ref) bool) ([]map[string]any, error) {
	docs := make([]map[string]any, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) || ctx.Err() != nil {
					return
				}
				f, err := x.st.Read(paths[i], head)
				if err != nil {
					once.Do(func() { firstErr = fmt.Errorf("search: rebuild: %w", err) })
					return
				}
				docs[i] = document(paths[i], f.Content, x.history(paths[i]), exists)
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return docs, ctx.Err()
}

// forceMerge merges all segments of a scorch index into one.
func forceMerge(ctx context.Context, idx bleve.Index) error {
	ai, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("search: merge: %w", err)
	}
	sc, ok := ai.(*scorch.Scorch)
	if !ok {
		return nil
	}
	if err := sc.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
		return fmt.Errorf("search: merge: %w", err)
	}
	return nil
}
