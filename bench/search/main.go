// Command search is the search benchmark's helper (bench/search/run.sh drives it):
//
//	search serve   -data DIR -addr 127.0.0.1:PORT   serve GET /api/search as JSON over net/http
//	search load    -url URL -n 2000 -max 60s         time the four query types, print median and p99
//	search catchup -data DIR -n 20                   time the index's catch-up after one save
//
// It stands in for the web layer, which will serve the same JSON from internal/search.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"github.com/leefwereld/leefwereld/internal/search"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// queries are the four query types, as URL query strings.
var queries = []struct{ name, params string }{
	{"one-word", "q=ruzie"},
	{"three-word", "q=vissen+met+opa"},
	{"phrase", "q=%22vaak+te+laat%22"},
	{"faceted", "q=ruzie&kind=portrait&theme=angst"},
}

func main() {
	log.SetFlags(0)
	if len(os.Args) < 2 {
		log.Fatal("usage: search serve|load|catchup [flags]")
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	data := fs.String("data", "", "data directory")
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	u := fs.String("url", "", "server base URL")
	n := fs.Int("n", 2000, "requests per query type (load) or saves (catchup)")
	maxTime := fs.Duration("max", 60*time.Second, "time limit per query type")
	fs.Parse(os.Args[2:])
	switch os.Args[1] {
	case "serve":
		serve(*data, *addr)
	case "load":
		load(*u, *n, *maxTime)
	case "catchup":
		catchup(*data, *n)
	default:
		log.Fatalf("unknown command %q", os.Args[1])
	}
}

func openAll(data string) (*workspace.Workspace, *search.Index) {
	w, err := workspace.Open(data)
	if err != nil {
		log.Fatal(err)
	}
	x, err := search.Open(context.Background(), data, w.Store, search.Options{Progress: os.Stderr})
	if err != nil {
		log.Fatal(err)
	}
	return w, x
}

func serve(data, addr string) {
	w, x := openAll(data)
	defer w.Close()
	defer x.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/search", func(rw http.ResponseWriter, r *http.Request) {
		v := r.URL.Query()
		q := search.Query{Text: v.Get("q"), Kinds: v["kind"], Themes: v["theme"], Teams: v["team"],
			Statuses: v["status"], Steps: v["step"], Sort: v.Get("sort")}
		res, err := x.Search(r.Context(), q)
		rw.Header().Set("Content-Type", "application/json")
		var qe *search.QueryError
		switch {
		case errors.As(err, &qe):
			rw.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(rw).Encode(map[string]string{"error": qe.Message})
		case err != nil:
			rw.WriteHeader(http.StatusInternalServerError)
			json.NewEncoder(rw).Encode(map[string]string{"error": "zoeken lukt nu niet"})
		default:
			json.NewEncoder(rw).Encode(res)
		}
	})
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		srv.Shutdown(context.Background())
	}()
	fmt.Println("ready")
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// load sends the queries one at a time (latency, not throughput), bounded in count and time.
func load(base string, n int, maxTime time.Duration) {
	if _, err := url.Parse(base); err != nil || base == "" {
		log.Fatal("load: -url is required")
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for _, q := range queries {
		target := base + "/api/search?" + q.params
		for range 20 { // warm up
			get(client, target)
		}
		var times []time.Duration
		deadline := time.Now().Add(maxTime)
		var total uint64
		for i := 0; i < n && time.Now().Before(deadline); i++ {
			start := time.Now()
			total = get(client, target)
			times = append(times, time.Since(start))
		}
		slices.Sort(times)
		fmt.Printf("%-10s %5d requests  median %7.2f ms  p99 %7.2f ms  (%d hits)\n", q.name, len(times),
			ms(times[len(times)/2]), ms(times[len(times)*99/100]), total)
	}
}

func get(c *http.Client, target string) uint64 {
	resp, err := c.Get(target)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct {
		Total uint64 `json:"total"`
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		log.Fatalf("%s: %d %s", target, resp.StatusCode, body)
	}
	json.Unmarshal(body, &res)
	return res.Total
}

// catchup saves one page n times and times the index's Sync after each save.
func catchup(data string, n int) {
	w, x := openAll(data)
	defer w.Close()
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
