package purge

import (
	"bufio"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// packWindow is how many similar objects the encoder compares to find deltas; git's default.
const packWindow = 10

// writePack writes the objects into one new pack with its index and returns the objects the
// index lists, which must be exactly those asked for. The pack is encoded into a temporary
// file, then parsed back the way a reader would to build the index: what lands is what reads.
// The index is renamed into place before the pack, so at no moment does go-git see a pack
// without an index (which it refuses) and git ignores an index without its pack.
func (r *repo) writePack(want []plumbing.Hash) (objectSet, error) {
	dir := filepath.Join(r.dir, "objects", "pack")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "tmp_pack_purge_")
	if err != nil {
		return nil, err
	}
	done := false
	defer func() {
		f.Close()
		if !done {
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	sum, err := packfile.NewEncoder(bw, r.st, false).Encode(want, packWindow)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	if err := f.Sync(); err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	iw := new(idxfile.Writer)
	parser, err := packfile.NewParser(packfile.NewScanner(f), iw)
	if err != nil {
		return nil, err
	}
	parsed, err := parser.Parse()
	if err != nil {
		return nil, fmt.Errorf("read back: %w", err)
	}
	if parsed != sum {
		return nil, fmt.Errorf("read back: checksum %s, wrote %s", parsed, sum)
	}
	idx, err := iw.Index()
	if err != nil {
		return nil, err
	}
	got, err := indexed(idx)
	if err != nil {
		return nil, err
	}
	if len(got) != len(want) {
		return nil, fmt.Errorf("read back: %d objects, wrote %d", len(got), len(want))
	}
	for _, h := range want {
		if !got.has(h) {
			return nil, fmt.Errorf("read back: object %s is missing", h)
		}
	}
	base := filepath.Join(dir, "pack-"+sum.String())
	if _, err := os.Stat(base + ".pack"); err == nil {
		return got, nil // the same pack was written by an interrupted run before
	}
	if err := writeFileAtomic(base+".idx", 0o444, func(w io.Writer) error {
		_, err := idxfile.NewEncoder(w).Encode(idx)
		return err
	}); err != nil {
		return nil, err
	}
	if err := f.Chmod(0o444); err != nil {
		return nil, err
	}
	if err := os.Rename(f.Name(), base+".pack"); err != nil {
		return nil, err
	}
	done = true
	if err := syncDir(dir); err != nil {
		return nil, err
	}
	r.st.Reindex()
	return got, nil
}

func indexed(idx *idxfile.MemoryIndex) (objectSet, error) {
	it, err := idx.Entries()
	if err != nil {
		return nil, err
	}
	defer it.Close()
	out := objectSet{}
	for {
		e, err := it.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out[e.Hash] = struct{}{}
	}
}

// writeFileAtomic writes a file through a synced temporary file and a rename.
func writeFileAtomic(path string, mode fs.FileMode, fill func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "tmp_"+filepath.Base(path)+"_")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	if err := fill(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Chmod(mode); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	ok = true
	return syncDir(filepath.Dir(path))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// packOut writes the objects of a rewrite into one new pack instead of thousands of loose
// files: on a real file system creating a file costs more than compressing the tree in it.
// Objects go in whole (no deltas), each once. The pack is invisible until finish renames it
// into place (index first), and a pack left half-written by a crash is a temporary file that
// the next prune deletes.
type packOut struct {
	dir   string
	f     *os.File
	bw    *bufio.Writer
	off   int64
	zw    *zlib.Writer
	crc   hash.Hash32
	idx   *idxfile.Writer
	has   objectSet
	hdr   []byte
	body  countWriter
	delta []byte
	last  map[string]deltaBase // the latest version of each folder's tree, by folder
}

// deltaBase is an object in this pack that the next version of the same folder is stored
// against: consecutive versions of a folder tree differ in an entry or two, so the delta is
// a few bytes where the whole tree is a hundred kilobytes for a folder of 2,000 pages.
type deltaBase struct {
	off   int64
	data  []byte
	depth int
}

// maxDepth bounds delta chains, as git's pack.depth does, so reading a version never has to
// apply more than this many deltas.
const maxDepth = 50

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func newPackOut(repoDir string) (*packOut, error) {
	dir := filepath.Join(repoDir, "objects", "pack")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "tmp_pack_purge_")
	if err != nil {
		return nil, err
	}
	p := &packOut{dir: dir, f: f, bw: bufio.NewWriterSize(f, 1<<20), crc: crc32.NewIEEE(),
		idx: new(idxfile.Writer), has: objectSet{}, last: map[string]deltaBase{}}
	p.body.w = io.MultiWriter(p.bw, p.crc)
	p.zw, _ = zlib.NewWriterLevel(&p.body, zlib.BestSpeed)
	// The object count is not known yet; finish writes it.
	if _, err := p.bw.Write([]byte{'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0}); err != nil {
		p.abort()
		return nil, err
	}
	p.off = 12
	return p, nil
}

// add appends one object. A tree of a folder (folder != "") is stored as a delta against the
// folder's previous tree in this pack when that is much smaller.
func (p *packOut) add(t plumbing.ObjectType, h plumbing.Hash, data []byte, folder string) error {
	if p.has.has(h) {
		return nil
	}
	off := p.off
	base, ok := p.last[folder]
	depth := 0
	if ok && folder != "" && base.depth < maxDepth-1 {
		p.delta = appendDelta(p.delta[:0], base.data, data)
		if len(p.delta) < len(data)/2 {
			depth = base.depth + 1
			if err := p.entry(plumbing.OFSDeltaObject, p.delta, off-base.off); err != nil {
				return err
			}
		} else {
			ok = false
		}
	} else {
		ok = false
	}
	if !ok {
		if err := p.entry(t, data, 0); err != nil {
			return err
		}
	}
	p.idx.Add(h, uint64(off), p.crc.Sum32())
	p.has[h] = struct{}{}
	if folder != "" {
		p.last[folder] = deltaBase{off: off, data: data, depth: depth}
	}
	return nil
}

// entry writes one pack entry: the type-and-size header, the base's relative offset for a
// delta, then the zlib stream.
func (p *packOut) entry(t plumbing.ObjectType, data []byte, baseDist int64) error {
	p.crc.Reset()
	p.body.n = 0
	size := uint64(len(data))
	p.hdr = append(p.hdr[:0], byte(t)<<4|byte(size&0x0f))
	for size >>= 4; size > 0; size >>= 7 {
		p.hdr[len(p.hdr)-1] |= 0x80
		p.hdr = append(p.hdr, byte(size&0x7f))
	}
	if t == plumbing.OFSDeltaObject {
		p.hdr = appendOffset(p.hdr, baseDist)
	}
	if _, err := p.body.Write(p.hdr); err != nil {
		return err
	}
	p.zw.Reset(&p.body)
	if _, err := p.zw.Write(data); err != nil {
		return err
	}
	if err := p.zw.Close(); err != nil {
		return err
	}
	p.off += p.body.n
	return nil
}

// appendOffset encodes an OFS_DELTA base distance the way git reads it: big-endian groups of
// seven bits, each group but the last one less than its value.
func appendOffset(b []byte, n int64) []byte {
	var tmp [10]byte
	i := len(tmp) - 1
	tmp[i] = byte(n & 0x7f)
	for n >>= 7; n != 0; n >>= 7 {
		n--
		i--
		tmp[i] = 0x80 | byte(n&0x7f)
	}
	return append(b, tmp[i:]...)
}

// appendDelta appends a git delta that turns base into target: copy their common start, insert
// what differs, copy their common end. That is all a rewritten folder tree needs — its entries
// are sorted and consecutive versions differ in one place — and it costs one pass.
func appendDelta(d, base, target []byte) []byte {
	d = appendSize(d, len(base))
	d = appendSize(d, len(target))
	pre := 0
	for pre < len(base) && pre < len(target) && base[pre] == target[pre] {
		pre++
	}
	suf := 0
	for suf < len(base)-pre && suf < len(target)-pre && base[len(base)-1-suf] == target[len(target)-1-suf] {
		suf++
	}
	d = appendCopy(d, 0, pre)
	for mid := target[pre : len(target)-suf]; len(mid) > 0; {
		n := min(len(mid), 127)
		d = append(d, byte(n))
		d = append(d, mid[:n]...)
		mid = mid[n:]
	}
	return appendCopy(d, len(base)-suf, suf)
}

func appendSize(d []byte, n int) []byte {
	for n >= 0x80 {
		d = append(d, byte(n)|0x80)
		n >>= 7
	}
	return append(d, byte(n))
}

// appendCopy appends copy instructions for base[off:off+n], at most 64 KiB each, the size
// every git version accepts.
func appendCopy(d []byte, off, n int) []byte {
	for n > 0 {
		size := min(n, 0x10000)
		op := len(d)
		d = append(d, 0x80)
		for i := 0; i < 4; i++ {
			if b := byte(off >> (8 * i)); b != 0 {
				d[op] |= 1 << i
				d = append(d, b)
			}
		}
		if size != 0x10000 { // a size of zero bytes means 64 KiB
			for i := 0; i < 3; i++ {
				if b := byte(size >> (8 * i)); b != 0 {
					d[op] |= 0x10 << i
					d = append(d, b)
				}
			}
		}
		off += size
		n -= size
	}
	return d
}

// finish completes the pack (count, checksum), writes its index and renames both into place.
// It returns nothing to do when no object was added.
func (p *packOut) finish() error {
	defer p.abort()
	if len(p.has) == 0 {
		return nil
	}
	if err := p.bw.Flush(); err != nil {
		return err
	}
	var count [4]byte
	binary.BigEndian.PutUint32(count[:], uint32(len(p.has)))
	if _, err := p.f.WriteAt(count[:], 8); err != nil {
		return err
	}
	if _, err := p.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	sum := sha1.New()
	if _, err := io.Copy(sum, p.f); err != nil {
		return err
	}
	var h plumbing.Hash
	copy(h[:], sum.Sum(nil))
	if _, err := p.f.Write(h[:]); err != nil {
		return err
	}
	if err := p.f.Sync(); err != nil {
		return err
	}
	if err := p.idx.OnFooter(h); err != nil {
		return err
	}
	idx, err := p.idx.Index()
	if err != nil {
		return err
	}
	base := filepath.Join(p.dir, "pack-"+h.String())
	if err := writeFileAtomic(base+".idx", 0o444, func(w io.Writer) error {
		_, err := idxfile.NewEncoder(w).Encode(idx)
		return err
	}); err != nil {
		return err
	}
	if err := p.f.Chmod(0o444); err != nil {
		return err
	}
	if err := os.Rename(p.f.Name(), base+".pack"); err != nil {
		return err
	}
	p.f.Close()
	p.f = nil
	return syncDir(p.dir)
}

// abort removes an unfinished pack.
func (p *packOut) abort() {
	if p.f != nil {
		p.f.Close()
		os.Remove(p.f.Name())
		p.f = nil
	}
}
