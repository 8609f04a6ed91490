package store

import "container/list"

// lru is a small least-recently-used cache for immutable git data (parsed
// trees, commits, blob sizes), bounded by a cost so a huge folder tree counts
// for what it weighs. Not safe for concurrent use: the Store's mutex guards it.
type lru[K comparable, V any] struct {
	max, used int
	cost      func(V) int
	ll        *list.List
	m         map[K]*list.Element
}

type lruItem[K comparable, V any] struct {
	k    K
	v    V
	cost int
}

func newLRU[K comparable, V any](max int, cost func(V) int) *lru[K, V] {
	if cost == nil {
		cost = func(V) int { return 1 }
	}
	return &lru[K, V]{max: max, cost: cost, ll: list.New(), m: make(map[K]*list.Element)}
}

func (c *lru[K, V]) get(k K) (V, bool) {
	if e, ok := c.m[k]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*lruItem[K, V]).v, true
	}
	var zero V
	return zero, false
}

func (c *lru[K, V]) put(k K, v V) {
	if e, ok := c.m[k]; ok {
		c.ll.MoveToFront(e)
		return
	}
	it := &lruItem[K, V]{k: k, v: v, cost: c.cost(v)}
	c.m[k] = c.ll.PushFront(it)
	c.used += it.cost
	for c.used > c.max && c.ll.Len() > 1 {
		e := c.ll.Back()
		old := e.Value.(*lruItem[K, V])
		c.ll.Remove(e)
		delete(c.m, old.k)
		c.used -= old.cost
	}
}
