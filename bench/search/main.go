// Command search is the search benchmark's helper (bench/search/run.sh drives it):
//
//	search load    -url URL -n 2000 -rounds 5 -max 60s [-queries a,b]   time queries against a running server
//	search catchup -data DIR -n 20                                       time the index's catch-up after one save
//
// load talks to the real server (`leefwereld serve`) over HTTP on loopback, one request at a
// time (latency, not throughput), so the figures include fiber, the catch-up check every
// search does, JSON and the network stack.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// queries are the query types, as paths with their query strings. The four searches go
// through GET /api/search (50 hits with fragments and every facet, as the API answers);
// titles are the pickers' search-as-you-type, similar is "Meer zoals dit" (of a portrait
// that catchup leaves alone: it rewrites portret-00042).
var queries = []struct{ name, path string }{
	{"one-word", "/api/search?q=ruzie"},
	{"three-word", "/api/search?q=vissen+met+opa"},
	{"phrase", "/api/search?q=%22vaak+te+laat%22"},
	{"faceted", "/api/search?q=ruzie&soort=portrait&thema=angst"},
	{"titles", "/api/titles?q=scha&kind=theme"},
	{"titles-broad", "/api/titles?q=sa"},
	{"similar", "/api/pages/portraits/portret-00007/similar"},
}

func main() {
	log.SetFlags(0)
	if len(os.Args) < 2 {
		log.Fatal("usage: search load|catchup [flags]")
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	data := fs.String("data", "", "data directory (catchup)")
	u := fs.String("url", "", "server base URL (load)")
	n := fs.Int("n", 2000, "requests per query type (load) or saves (catchup)")
	rounds := fs.Int("rounds", 5, "rounds the requests of each query type are spread over (load)")
	only := fs.String("queries", "", "comma-separated query types to run (load; default all)")
	maxTime := fs.Duration("max", 60*time.Second, "time limit per query type (load)")
	fs.Parse(os.Args[2:])
	switch os.Args[1] {
	case "load":
		load(*u, *n, *rounds, *only, *maxTime)
	case "catchup":
		catchup(*data, *n)
	default:
		log.Fatalf("unknown command %q", os.Args[1])
	}
}

// load sends the queries one at a time, bounded in count and time. The requests of each
// query type are spread over rounds that take turns with the other types, so a burst of load
// from other processes on a shared machine hits all types alike; the spread of the rounds'
// medians shows how noisy the machine was.
func load(base string, n, rounds int, only string, maxTime time.Duration) {
	if u, err := url.Parse(base); err != nil || base == "" || u.Hostname() != "127.0.0.1" {
		log.Fatal("load: -url must be a server on 127.0.0.1")
	}
	client := &http.Client{Timeout: 10 * time.Second}
	waitReady(client, base)
	type series struct {
		name, target string
		times        []time.Duration
		roundMedians []time.Duration
		took         []time.Duration // the engine's own time, for searches
		hits         string
		spent        time.Duration // time spent on this type, bounded by -max
	}
	var all []*series
	for _, q := range queries {
		if only == "" || slices.Contains(strings.Split(only, ","), q.name) {
			all = append(all, &series{name: q.name, target: base + q.path})
		}
	}
	rounds = max(1, rounds)
	for _, s := range all {
		for range 20 { // warm up
			get(client, s.target)
		}
	}
	for range rounds {
		for _, s := range all {
			var times []time.Duration
			for i := 0; i < n/rounds && s.spent < maxTime; i++ {
				res, d := get(client, s.target)
				s.spent += d
				times = append(times, d)
				if res.took > 0 {
					s.took = append(s.took, res.took)
				}
				s.hits = res.hits
			}
			if len(times) > 0 {
				s.times = append(s.times, times...)
				slices.Sort(times)
				s.roundMedians = append(s.roundMedians, times[len(times)/2])
			}
		}
	}
	for _, s := range all {
		slices.Sort(s.times)
		slices.Sort(s.roundMedians)
		engine := ""
		if len(s.took) > 0 {
			slices.Sort(s.took)
			engine = fmt.Sprintf("  engine median %6.2f ms", ms(s.took[len(s.took)/2]))
		}
		fmt.Printf("%-12s %5d requests  median %6.2f ms (rounds %.2f–%.2f)  p99 %7.2f ms%s  (%s)\n", s.name, len(s.times),
			ms(s.times[len(s.times)/2]), ms(s.roundMedians[0]), ms(s.roundMedians[len(s.roundMedians)-1]),
			ms(s.times[len(s.times)*99/100]), engine, s.hits)
	}
}

// waitReady waits up to a minute for the server (which may be building its index).
func waitReady(c *http.Client, base string) {
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := c.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	log.Fatalf("load: %s did not answer /healthz within a minute", base)
}

type answer struct {
	hits string
	took time.Duration
}

// get sends one request and returns what it says and how long it took until the whole body
// was read (reading the JSON afterwards is the client's business, not the server's latency).
func get(c *http.Client, target string) (answer, time.Duration) {
	start := time.Now()
	resp, err := c.Get(target)
	if err != nil {
		log.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		log.Fatalf("%s: %v", target, err)
	}
	if resp.StatusCode != http.StatusOK {
		log.Fatalf("%s: %d %s", target, resp.StatusCode, body)
	}
	var res struct {
		Total   *uint64           `json:"total"`
		Took    time.Duration     `json:"took"`
		Results []json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		log.Fatalf("%s: %v", target, err)
	}
	if res.Total != nil {
		return answer{hits: fmt.Sprintf("%d hits", *res.Total), took: res.Took}, took
	}
	return answer{hits: fmt.Sprintf("%d results", len(res.Results))}, took
}

// catchup saves one page n times and times the index's Sync after each save.
func catchup(data string, n int) {
	w, err := workspace.Open(data)
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	x, err := search.Open(context.Background(), data, w.Store, search.Options{Progress: os.Stderr})
	if err != nil {
		log.Fatal(err)
	}
	defer x.Close()
	ref := wiki.Ref{Kind: wiki.Portrait, Slug: "portret-00042"}
	author := store.Author{Name: "Bench", Email: "bench@leefwereld.invalid"}
	var times []time.Duration
	for i := range n {
		f, err := w.Store.Read(ref.Path(), "")
		if err != nil {
			log.Fatal(err)
		}
		content := fmt.Sprintf("---\ntitle: Sam (42)\nkind: portrait\nteam: team-bench\n---\nVersie %d: Sam komt vaak te laat.\n", i)
		if _, _, err := w.Save(ref, []byte(content), f.Blob, author, "bench"); err != nil {
			log.Fatal(err)
		}
		start := time.Now()
		res, err := x.Sync(context.Background())
		if err != nil || res.Indexed != 1 {
			log.Fatalf("sync: %+v %v", res, err)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	fmt.Printf("catch-up after one save: median %.2f ms, max %.2f ms (%d saves)\n", ms(times[len(times)/2]), ms(times[len(times)-1]), n)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
