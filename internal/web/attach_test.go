package web

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// upload posts a file as the attachment form does, with the CSRF token a browser would have.
func (a *testApp) upload(path, name, ctype string, data []byte) (*http.Response, string) {
	a.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", a.csrf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="bestand"; filename="`+name+`"`)
	h.Set("Content-Type", ctype)
	part, _ := w.CreatePart(h)
	_, _ = part.Write(data)
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return a.do(req)
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mp3Frames is a tagless MP3: MPEG-1 layer III frames, 128 kbit/s, 44.1 kHz (417 bytes each).
func mp3Frames(n int) []byte {
	var b []byte
	for i := 0; i < n; i++ {
		frame := make([]byte, 417)
		copy(frame, []byte{0xFF, 0xFB, 0x90, 0x00})
		b = append(b, frame...)
	}
	return b
}

func TestSniffMedia(t *testing.T) {
	t.Parallel()
	mp4 := func(brand string, handlers ...string) []byte {
		b := append([]byte("\x00\x00\x00\x18ftyp"+brand+"\x00\x00\x00\x00"+brand+"mp41"), []byte("\x00\x00\x00\x10moov")...)
		for _, h := range handlers {
			b = append(b, []byte("\x00\x00\x00\x21hdlr\x00\x00\x00\x00\x00\x00\x00\x00"+h+"\x00\x00\x00\x00")...)
		}
		return b
	}
	riff := func(kind string) []byte {
		return []byte("RIFF\x24\x00\x00\x00" + kind + "fmt \x10\x00\x00\x00\x01\x00\x01\x00")
	}
	for _, tc := range []struct {
		name string
		data []byte
		mime string // "" = refused
	}{
		{"png", pngBytes(t), "image/png"},
		{"jpeg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), "image/jpeg"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), "image/gif"},
		{"webp", riff("WEBPVP8 "), "image/webp"},
		{"wav", riff("WAVE"), "audio/wav"},
		{"mp3 with ID3", append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), mp3Frames(2)...), "audio/mpeg"},
		{"mp3 frames only", mp3Frames(3), "audio/mpeg"},
		{"one mp3 frame", mp3Frames(1), "audio/mpeg"},
		{"ogg vorbis", []byte("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x1e\x01vorbis\x00"), "audio/ogg"},
		{"ogg opus", []byte("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x13OpusHead"), "audio/ogg"},
		{"m4a brand", mp4("M4A "), "audio/mp4"},
		{"mp4 with only sound", mp4("isom", "soun"), "audio/mp4"},
		{"mp4 video", mp4("isom", "vide", "soun"), ""},
		{"ogg theora video", []byte("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x2a\x80theora"), ""},
		{"html", []byte("<!doctype html><script>alert(1)</script>"), ""},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), ""},
		{"pdf", []byte("%PDF-1.7\n"), ""},
		{"text", []byte("gewoon tekst"), ""},
		{"random bytes that start like a frame", []byte{0xFF, 0xFB, 0x90, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, ""},
		{"empty", nil, ""},
	} {
		got, ok := sniffMedia(tc.data)
		if ok != (tc.mime != "") || got.MIME != tc.mime {
			t.Errorf("%s: %q %v, want %q", tc.name, got.MIME, ok, tc.mime)
		}
	}
}

func TestAttachNameMatchesContent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		uploaded string
		t        mediaType
		want     string
	}{
		{"Foto van Sam.PNG", typePNG, "foto-van-sam.png"},
		{"opname.bin", typeMP3, "opname.mp3"},
		{"scan.jpeg", typeJPEG, "scan.jpeg"},
		{"scan.png", typeJPEG, "scan.jpg"},
		{"../../etc/passwd", typePNG, "passwd.png"},
		{".verborgen", typeGIF, "verborgen.gif"},
		{"stem.opus", typeOgg, "stem.opus"},
	} {
		if got := attachName(tc.uploaded, tc.t); got != tc.want {
			t.Errorf("attachName(%q) = %q, want %q", tc.uploaded, got, tc.want)
		}
	}
}

func TestUploadImageAndSound(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	head := lbHead(t, a)
	img := pngBytes(t)
	resp, body := a.upload("/themes/schaamte/bijlagen", "Foto van Sam.PNG", "image/png", img)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/themes/schaamte/bijlagen?toegevoegd=1#bijlage-foto-van-sam.png" {
		t.Fatalf("upload png: %d %q\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	log, _ := a.ws.Store.Log(2)
	if log[1].Hash != head || a.display(log[0].Author) != "Anna de Vries" {
		t.Errorf("not one commit by Anna: %+v", log)
	}
	f, err := a.ws.Store.Read("media/schaamte/foto-van-sam.png", "")
	if err != nil || !bytes.Equal(f.Content, img) {
		t.Fatalf("stored file: %v", err)
	}
	_, body = a.get("/themes/schaamte/bijlagen?toegevoegd=1")
	for _, want := range []string{
		"Je bestand is toegevoegd", `value="![beschrijving](/media/schaamte/foto-van-sam.png)"`,
		`id="bijlage-foto-van-sam.png"`, `<label for="bijlage-bestand">`, `accept="image/png,`, "Hoogstens 20 MB",
		`enctype="multipart/form-data"`, `name="_csrf"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("attachments page: missing %q", want)
		}
	}

	// A tagless MP3 with a name that says nothing: stored as .mp3, embedded as sound.
	resp, _ = a.upload("/themes/schaamte/bijlagen", "opname.bin", "application/octet-stream", mp3Frames(4))
	if resp.StatusCode != 303 {
		t.Fatalf("upload mp3: %d", resp.StatusCode)
	}
	if _, err := a.ws.Store.Read("media/schaamte/opname.mp3", ""); err != nil {
		t.Fatal(err)
	}
	_, body = a.get("/themes/schaamte/bijlagen")
	if !strings.Contains(body, `<audio class="attachment__audio" controls preload="none" src="/media/schaamte/opname.mp3">`) {
		t.Errorf("no audio player:\n%s", body)
	}
	// The same name again gets a number instead of overwriting.
	if resp, _ := a.upload("/themes/schaamte/bijlagen", "Foto van Sam.png", "image/png", img); !strings.HasSuffix(resp.Header.Get("Location"), "#bijlage-foto-van-sam-2.png") {
		t.Errorf("second upload: %q", resp.Header.Get("Location"))
	}
}

func TestUploadRefusalsCommitNothing(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	head := lbHead(t, a)
	for _, tc := range []struct {
		name, path, file, ctype string
		data                    []byte
		status                  int
		want                    string
	}{
		{"html named .png", "/themes/schaamte/bijlagen", "foto.png", "image/png", []byte("<!doctype html><html><script>alert(1)</script></html>"), 415, "Dit soort bestand kan hier niet"},
		{"svg", "/themes/schaamte/bijlagen", "tekening.svg", "image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 415, "Dit soort bestand kan hier niet"},
		{"empty file", "/themes/schaamte/bijlagen", "leeg.png", "image/png", nil, 400, "Kies eerst een bestand"},
		{"page does not exist", "/themes/bestaat-niet/bijlagen", "foto.png", "image/png", pngBytes(t), 404, "Maak eerst de pagina"},
		{"not a page folder", "/onzin/schaamte/bijlagen", "foto.png", "image/png", pngBytes(t), 404, "Deze pagina bestaat niet"},
	} {
		resp, body := a.upload(tc.path, tc.file, tc.ctype, tc.data)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d, want %d with %q\n%.300s", tc.name, resp.StatusCode, tc.status, tc.want, body)
		}
	}
	// Without the CSRF token.
	var form bytes.Buffer
	w := multipart.NewWriter(&form)
	part, _ := w.CreateFormFile("bestand", "foto.png")
	_, _ = part.Write(pngBytes(t))
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, "/themes/schaamte/bijlagen", &form)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if resp, body := a.do(req); resp.StatusCode != 403 || !strings.Contains(body, "Dit formulier is verlopen") {
		t.Errorf("no CSRF: %d", resp.StatusCode)
	}
	if lbHead(t, a) != head {
		t.Error("a refused upload made a commit")
	}
	if entries, _ := a.ws.Store.List("media/schaamte", ""); len(entries) != 0 {
		t.Errorf("media stored: %v", entries)
	}
}

// TestUploadTooLarge: just over 20 MB, under the server's body limit, so the handler refuses it.
func TestUploadTooLarge(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	head := lbHead(t, a)
	big := append(pngBytes(t), make([]byte, workspace.MaxAttachment)...)
	resp, body := a.upload("/themes/schaamte/bijlagen", "groot.png", "image/png", big)
	if resp.StatusCode != 413 || !strings.Contains(body, "Een bijlage mag hoogstens 20 MB zijn. Er is niets toegevoegd.") {
		t.Errorf("too large: %d\n%.300s", resp.StatusCode, body)
	}
	if lbHead(t, a) != head {
		t.Error("a refused upload made a commit")
	}
}

// TestUploadOverTheBodyLimit needs a real server: fasthttp refuses the request before any
// handler runs, and app.Test reports that as an error instead of the response it wrote.
func TestUploadOverTheBodyLimit(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	head := lbHead(t, a)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = a.app.Listener(ln) }()
	t.Cleanup(func() { _ = a.app.Shutdown() })
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /themes/schaamte/bijlagen HTTP/1.1\r\nHost: leefwereld.test\r\n"+
		"Content-Type: multipart/form-data; boundary=grens\r\nContent-Length: %d\r\n\r\n--grens\r\n", MaxUpload+1)
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 413 || !strings.Contains(string(body), "Dit bestand is te groot") {
		t.Errorf("over the body limit: %d\n%.300s", resp.StatusCode, body)
	}
	if lbHead(t, a) != head {
		t.Error("a refused upload made a commit")
	}
}

func TestMediaIsServedSafely(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	img := pngBytes(t)
	me := store.Author{Name: "Anna", Email: "a@leefwereld.invalid"}
	for name, data := range map[string][]byte{
		"foto.png":      img,
		"geluid.mp3":    mp3Frames(3),
		"stiekem.png":   []byte("<!doctype html><script>alert(1)</script>"), // e.g. brought in by an import
		"Oude Foto.PNG": img,
	} {
		if _, _, err := a.ws.Store.Attach("media/schaamte", name, data, me, ""); err != nil {
			t.Fatal(err)
		}
	}
	// Store.Attach makes names safe; put one with a space and capitals in the way an import could.
	if _, err := a.ws.Store.Update(me, "", func(tx *store.Tx) error { return tx.Put("media/schaamte/Oude Foto.PNG", img) }); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, ctype, disposition string
	}{
		{"/media/schaamte/foto.png", "image/png", `inline; filename="foto.png"`},
		{"/media/schaamte/geluid.mp3", "audio/mpeg", `inline; filename="geluid.mp3"`},
		{"/media/schaamte/stiekem.png", "application/octet-stream", `attachment; filename="stiekem.png"`},
		{"/media/schaamte/Oude%20Foto.PNG", "image/png", `inline; filename="oude-foto.png"; filename*=UTF-8''Oude%20Foto.PNG`},
	} {
		resp, _ := a.get(tc.path)
		h := resp.Header
		if resp.StatusCode != 200 || h.Get("Content-Type") != tc.ctype || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Content-Disposition") != tc.disposition || !strings.Contains(h.Get("Cache-Control"), "private") ||
			!strings.HasPrefix(h.Get("ETag"), `"`) {
			t.Errorf("GET %s: %d %v", tc.path, resp.StatusCode, h)
		}
	}
	resp, body := a.get("/media/schaamte/foto.png")
	if body != string(img) {
		t.Error("served bytes differ")
	}
	req := httptest.NewRequest(http.MethodGet, "/media/schaamte/foto.png", nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	if resp, _ := a.do(req); resp.StatusCode != 304 {
		t.Errorf("If-None-Match: %d", resp.StatusCode)
	}
	req = httptest.NewRequest(http.MethodGet, "/media/schaamte/geluid.mp3", nil)
	req.Header.Set("Range", "bytes=0-9")
	if resp, body := a.do(req); resp.StatusCode != 206 || len(body) != 10 || resp.Header.Get("Content-Range") != "bytes 0-9/1251" {
		t.Errorf("range: %d %d %q", resp.StatusCode, len(body), resp.Header.Get("Content-Range"))
	}
	req.Header.Set("Range", "bytes=5000-")
	if resp, _ := a.do(req); resp.StatusCode != 416 {
		t.Errorf("range outside the file: %d", resp.StatusCode)
	}
}

func TestMediaPathTraversalIsNotFound(t *testing.T) {
	t.Parallel()
	a := newTestApp(t)
	if _, _, err := a.ws.Store.Attach("media/schaamte", "foto.png", pngBytes(t), store.Author{Name: "A", Email: "a@leefwereld.invalid"}, ""); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"/media/schaamte/..%2F..%2Fthemes%2Fschaamte.md",
		"/media/schaamte/..%2fschaamte%2ffoto.png",
		"/media/..%2Fthemes/schaamte.md",
		"/media/schaamte/%2e%2e",
		"/media/schaamte/..",
		"/media/schaamte/../schaamte.md",
		"/media/%2e%2e/themes%2Fschaamte.md",
		"/media/schaamte/foto.png%00.md",
		"/media/schaamte/.git",
		"/media/Schaamte/foto.png",
		"/media/schaamte/%5C..%5Cfoto.png",
	} {
		resp, body := a.get(p)
		if resp.StatusCode != 404 || strings.Contains(body, "Schaamte is het gevoel") || strings.Contains(body, "IHDR") {
			t.Errorf("GET %s: %d\n%.200s", p, resp.StatusCode, body)
		}
	}
}
