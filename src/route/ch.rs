//! A contraction hierarchy for travel-time matrices on large graphs (bucket-based
//! many-to-many, Knopp et al. 2007).
//!
//! Vertices are contracted one by one in the order of a priority (edge difference,
//! contracted neighbours and depth, updated lazily); a shortcut `u -> x` replaces a path
//! `u -> v -> x` through a contracted vertex `v` unless a limited witness search finds
//! another path at most as long. Shortcuts keep the exact sum of their arcs' whole
//! milliseconds, so every distance the hierarchy gives equals the plain Dijkstra distance
//! (a too short witness search only adds shortcuts, never changes a distance).
//! Metres ride along: they are the length of *a* fastest path, which may differ from the one
//! plain Dijkstra picks when two paths take exactly the same milliseconds.
//!
//! A matrix query runs one backward upward search per target vertex, storing its distances
//! in buckets at the vertices it reaches, then one forward upward search per source, which
//! meets each target at the highest vertex of its shortest path. Both searches stall on
//! demand: a vertex is not expanded when a higher vertex already reached has a faster way
//! down to it. Both are small searches: the cost is the contraction, a few seconds at a
//! million vertices, paid once per matrix.
//!
//! `JEMPOL_CH_STATS=1` prints each round's size and, at the end, the contraction's seconds
//! by phase (benches/README.md, "Where the contraction's time goes").

use rayon::prelude::*;

use super::dijkstra::QuadHeap;
use crate::map::graph::Csr;

/// A search start or goal: a vertex and the time and metres between it and the point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seed {
    pub vertex: u32,
    pub time_ms: u32,
    pub metres: f64,
}

#[derive(Clone, Copy, Debug)]
struct WorkArc {
    other: u32,
    time_ms: u32,
    metres: f64,
}

/// An arc of the finished hierarchy, always towards the higher-ranked vertex.
#[derive(Clone, Copy, Debug)]
struct UpArc {
    head: u32,
    time_ms: u32,
    metres: f64,
}

/// The contracted graph: for each vertex, its arcs up to higher-ranked vertices, forward
/// (`up`) and backward (`down`: arcs `x -> v` stored at `v`).
pub struct Hierarchy {
    up_first: Vec<u32>,
    up: Vec<UpArc>,
    down_first: Vec<u32>,
    down: Vec<UpArc>,
    pub shortcuts: usize,
}

/// Settled vertices after which a witness search gives up (and the shortcut is added).
const WITNESS_SETTLED: usize = 30;

/// The graph during contraction: the arcs between vertices not yet contracted, and, for a
/// contracted vertex, its arcs to the vertices that were left (its upward arcs).
struct Contraction {
    out: Vec<Vec<WorkArc>>,
    inc: Vec<Vec<WorkArc>>,
    /// 0: not contracted; otherwise the round in which the vertex was (or is being)
    /// contracted.
    round: Vec<u32>,
    depth: Vec<u32>,
    neighbours_contracted: Vec<u32>,
    priority: Vec<i64>,
    /// The last round in which the vertex was a neighbour of a contracted one.
    seen: Vec<u32>,
}

/// Buffers of one thread's witness searches.
#[derive(Default)]
struct Witness {
    /// Per vertex, the search (`generation`) that reached it last and at what time.
    label: Vec<(u32, u32)>,
    /// Per vertex, the contraction (`goal_stamp`) that last made it a goal. Apart from
    /// `label`: one array of both was slower (12-byte entries straddle cache lines).
    goal: Vec<u32>,
    generation: u32,
    goal_stamp: u32,
    heap: QuadHeap,
}

thread_local! {
    static WITNESS: std::cell::RefCell<Witness> = std::cell::RefCell::new(Witness::default());
}

impl Witness {
    fn prepare(&mut self, n: usize) {
        if self.label.len() != n || self.generation > u32::MAX - 1_000_000 {
            *self = Witness {
                label: vec![(0, 0); n],
                goal: vec![0; n],
                ..Witness::default()
            };
        }
    }

    fn reached(&self, v: u32) -> Option<u32> {
        let (stamp, d) = self.label[v as usize];
        (stamp == self.generation).then_some(d)
    }
}

impl Contraction {
    fn new(graph: &Csr) -> Contraction {
        let n = graph.vertex_count();
        // Parallel arcs keep the fastest; loops are of no use to a shortest path.
        let out: Vec<Vec<WorkArc>> = (0..n)
            .into_par_iter()
            .map(|u| {
                let mut list = Vec::new();
                for arc in graph.first_out[u]..graph.first_out[u + 1] {
                    let a = graph.arcs[arc as usize];
                    if a.head as usize != u {
                        let arc = WorkArc {
                            other: a.head,
                            time_ms: a.time_ms,
                            metres: a.length_m,
                        };
                        insert_min(&mut list, arc);
                    }
                }
                list
            })
            .collect();
        let mut inc: Vec<Vec<WorkArc>> = vec![Vec::new(); n];
        for (u, list) in out.iter().enumerate() {
            for a in list {
                inc[a.other as usize].push(WorkArc {
                    other: u as u32,
                    ..*a
                });
            }
        }
        let mut c = Contraction {
            out,
            inc,
            round: vec![0; n],
            depth: vec![0; n],
            neighbours_contracted: vec![0; n],
            priority: vec![0; n],
            seen: vec![0; n],
        };
        c.priority = (0..n as u32)
            .into_par_iter()
            .map(|v| c.estimate(v))
            .collect();
        c
    }

    /// Cheap priority: the edge difference as if every path through `v` needed a shortcut
    /// (on road graphs close to the real count), contracted neighbours and depth.
    fn estimate(&self, v: u32) -> i64 {
        let vi = v as usize;
        let (inc, out) = (&self.inc[vi], &self.out[vi]);
        let removed = (inc.len() + out.len()) as i64;
        let mut added = 0i64;
        for a in inc {
            added += out.iter().filter(|b| b.other != a.other).count() as i64;
        }
        4 * (added - removed) + 2 * self.neighbours_contracted[vi] as i64 + self.depth[vi] as i64
    }

    /// Whether `v` comes before all its remaining neighbours, by priority then number: such
    /// vertices are never adjacent, so they can be contracted in the same round.
    fn is_local_minimum(&self, v: u32) -> bool {
        let key = (self.priority[v as usize], v);
        self.inc[v as usize]
            .iter()
            .chain(&self.out[v as usize])
            .all(|a| key < (self.priority[a.other as usize], a.other))
    }

    /// Dijkstra from `source` over the remaining graph (the vertices of this round are
    /// detached), up to
    /// `limit` milliseconds and [`WITNESS_SETTLED`] vertices, or until the `goals` (marked with
    /// the current goal stamp) are settled.
    fn witness_search(&self, w: &mut Witness, source: u32, limit: u32, goals: usize) {
        w.generation += 1;
        w.heap.clear();
        w.label[source as usize] = (w.generation, 0);
        w.heap.push(source as u64);
        let mut count = 0;
        let mut goals_left = goals;
        while let Some(key) = w.heap.pop() {
            let (d, u) = ((key >> 32) as u32, key as u32);
            if d > w.label[u as usize].1 {
                continue;
            }
            count += 1;
            if count > WITNESS_SETTLED || d > limit {
                break;
            }
            if u != source && w.goal[u as usize] == w.goal_stamp {
                goals_left -= 1;
                if goals_left == 0 {
                    break;
                }
            }
            for a in &self.out[u as usize] {
                let nd = d.saturating_add(a.time_ms);
                let label = &mut w.label[a.other as usize];
                if nd <= limit && (label.0 != w.generation || nd < label.1) {
                    *label = (w.generation, nd);
                    w.heap.push((nd as u64) << 32 | a.other as u64);
                }
            }
        }
    }

    /// The shortcuts that contracting `v` needs: (from, to, time, metres).
    fn shortcuts(&self, v: u32) -> Vec<(u32, u32, u32, f64)> {
        WITNESS.with(|w| {
            let mut w = w.borrow_mut();
            w.prepare(self.round.len());
            let vi = v as usize;
            let mut found = Vec::new();
            let max_out = self.out[vi].iter().map(|a| a.time_ms).max().unwrap_or(0);
            w.goal_stamp += 1;
            let goal_stamp = w.goal_stamp;
            for a in &self.out[vi] {
                w.goal[a.other as usize] = goal_stamp;
            }
            let goals = self.out[vi].len();
            for into in &self.inc[vi] {
                // The in-neighbour may itself be a goal: it needs no shortcut to itself.
                let goals = goals - usize::from(w.goal[into.other as usize] == goal_stamp);
                if goals == 0 {
                    continue;
                }
                let limit = into.time_ms.saturating_add(max_out);
                self.witness_search(&mut w, into.other, limit, goals);
                for from in &self.out[vi] {
                    if from.other == into.other {
                        continue;
                    }
                    let time = into.time_ms.saturating_add(from.time_ms);
                    if w.reached(from.other).is_none_or(|d| d > time) {
                        found.push((into.other, from.other, time, into.metres + from.metres));
                    }
                }
            }
            found
        })
    }

    /// The neighbours of the round's vertices, each once, in the order first met.
    fn neighbours(&mut self, chosen: &[u32], round: u32) -> Vec<u32> {
        let mut touched = Vec::new();
        for &v in chosen {
            let v = v as usize;
            for a in self.inc[v].iter().chain(&self.out[v]) {
                let seen = &mut self.seen[a.other as usize];
                if *seen != round {
                    *seen = round;
                    touched.push(a.other);
                }
            }
        }
        touched
    }

    /// Removes the arcs to and from the vertices of `round` from the lists of their
    /// neighbours `touched` (the round's vertices keep theirs: they become upward arcs), and
    /// counts each neighbour's contracted neighbours and depth. In parallel: each list is
    /// moved out, edited by one thread and moved back.
    fn detach(&mut self, touched: &[u32], round: u32) {
        let mut lists: Vec<(Vec<WorkArc>, Vec<WorkArc>)> = touched
            .iter()
            .map(|&u| {
                let u = u as usize;
                (
                    std::mem::take(&mut self.out[u]),
                    std::mem::take(&mut self.inc[u]),
                )
            })
            .collect();
        let this = &*self;
        let counts: Vec<(u32, u32)> = lists
            .par_iter_mut()
            .zip(touched)
            .map(|((out, inc), &u)| {
                let (mut removed, mut depth) = (0, this.depth[u as usize]);
                let mut keep = |a: &WorkArc| {
                    let other = a.other as usize;
                    let kept = this.round[other] != round;
                    if !kept {
                        removed += 1;
                        depth = depth.max(this.depth[other] + 1);
                    }
                    kept
                };
                out.retain(&mut keep);
                inc.retain(&mut keep);
                (removed, depth)
            })
            .collect();
        for ((&u, (out, inc)), (removed, depth)) in touched.iter().zip(lists).zip(counts) {
            let u = u as usize;
            self.out[u] = out;
            self.inc[u] = inc;
            self.neighbours_contracted[u] += removed;
            self.depth[u] = depth;
        }
    }

    /// Adds the shortcuts of a contracted vertex.
    fn add_shortcuts(&mut self, shortcuts: &[(u32, u32, u32, f64)]) {
        for &(u, x, time_ms, metres) in shortcuts {
            insert_min(
                &mut self.out[u as usize],
                WorkArc {
                    other: x,
                    time_ms,
                    metres,
                },
            );
            insert_min(
                &mut self.inc[x as usize],
                WorkArc {
                    other: u,
                    time_ms,
                    metres,
                },
            );
        }
    }
}

/// Adds an arc, or lowers the time of an existing arc to the same vertex.
fn insert_min(arcs: &mut Vec<WorkArc>, arc: WorkArc) {
    match arcs.iter_mut().find(|a| a.other == arc.other) {
        Some(a) => {
            if arc.time_ms < a.time_ms {
                *a = arc;
            }
        }
        None => arcs.push(arc),
    }
}

/// The steps of [`Hierarchy::new`], timed for `JEMPOL_CH_STATS`.
#[derive(Clone, Copy)]
enum Phase {
    /// The contraction's lists and first priorities.
    Start,
    Select,
    Neighbours,
    Detach,
    Witness,
    Shortcuts,
    /// The neighbours' new priorities, and dropping the round's vertices from the remaining.
    Priorities,
    /// The finished hierarchy's arrays, and freeing the lists.
    Finish,
}

impl Phase {
    const ALL: [Phase; 8] = [
        Phase::Start,
        Phase::Select,
        Phase::Neighbours,
        Phase::Detach,
        Phase::Witness,
        Phase::Shortcuts,
        Phase::Priorities,
        Phase::Finish,
    ];

    fn name(self) -> &'static str {
        match self {
            Phase::Start => "start",
            Phase::Select => "select",
            Phase::Neighbours => "neighbours",
            Phase::Detach => "detach",
            Phase::Witness => "witness searches",
            Phase::Shortcuts => "add shortcuts",
            Phase::Priorities => "priorities",
            Phase::Finish => "finish",
        }
    }
}

/// Seconds per phase, summed over the rounds: where a contraction's time goes, measured in
/// the same run rather than by a profiler.
struct PhaseClock {
    last: std::time::Instant,
    seconds: [f64; Phase::ALL.len()],
}

impl Default for PhaseClock {
    fn default() -> PhaseClock {
        PhaseClock {
            last: std::time::Instant::now(),
            seconds: [0.0; Phase::ALL.len()],
        }
    }
}

impl PhaseClock {
    /// Adds the time since the last lap to `phase`.
    fn lap(&mut self, phase: Phase) {
        let now = std::time::Instant::now();
        self.seconds[phase as usize] += (now - self.last).as_secs_f64();
        self.last = now;
    }

    /// Leaves the time since the last lap out (the statistics' own printing).
    fn skip(&mut self) {
        self.last = std::time::Instant::now();
    }
}

impl std::fmt::Display for PhaseClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = Phase::ALL
            .iter()
            .map(|&phase| format!("{} {:.3}", phase.name(), self.seconds[phase as usize]))
            .collect();
        write!(f, "{}", parts.join(", "))
    }
}

impl Hierarchy {
    /// Contracts the graph in rounds: each round contracts, in parallel, the vertices that
    /// come before all their neighbours (an independent set), with witness searches that
    /// avoid every vertex of the round. Deterministic: the same graph gives the same
    /// hierarchy whatever the number of threads.
    pub fn new(graph: &Csr) -> Hierarchy {
        let n = graph.vertex_count();
        let arcs_before = graph.arc_count();
        let stats = std::env::var_os("JEMPOL_CH_STATS").is_some();
        let mut clock = PhaseClock::default();
        let mut c = Contraction::new(graph);
        clock.lap(Phase::Start);
        let mut remaining: Vec<u32> = (0..n as u32).collect();
        let mut round = 0;
        while !remaining.is_empty() {
            round += 1;
            let chosen: Vec<u32> = remaining
                .par_iter()
                .copied()
                .filter(|&v| c.is_local_minimum(v))
                .collect();
            for &v in &chosen {
                c.round[v as usize] = round;
            }
            clock.lap(Phase::Select);
            // The witness searches then avoid every vertex of the round.
            let touched = c.neighbours(&chosen, round);
            clock.lap(Phase::Neighbours);
            c.detach(&touched, round);
            clock.lap(Phase::Detach);
            let shortcuts: Vec<Vec<(u32, u32, u32, f64)>> =
                chosen.par_iter().map(|&v| c.shortcuts(v)).collect();
            clock.lap(Phase::Witness);
            for found in &shortcuts {
                c.add_shortcuts(found);
            }
            drop(shortcuts);
            clock.lap(Phase::Shortcuts);
            let priorities: Vec<i64> = touched.par_iter().map(|&v| c.estimate(v)).collect();
            for (v, priority) in touched.into_iter().zip(priorities) {
                c.priority[v as usize] = priority;
            }
            remaining.retain(|&v| c.round[v as usize] == 0);
            clock.lap(Phase::Priorities);
            if stats {
                let arcs: usize = remaining.iter().map(|&v| c.out[v as usize].len()).sum();
                eprintln!(
                    "round {round}: contracted {}, remaining {} with {arcs} arcs",
                    chosen.len(),
                    remaining.len()
                );
                clock.skip();
            }
        }
        let csr = |lists: &[Vec<WorkArc>]| {
            let mut first = Vec::with_capacity(n + 1);
            let mut arcs = Vec::with_capacity(lists.iter().map(Vec::len).sum());
            first.push(0u32);
            for list in lists {
                arcs.extend(list.iter().map(|a| UpArc {
                    head: a.other,
                    time_ms: a.time_ms,
                    metres: a.metres,
                }));
                first.push(arcs.len() as u32);
            }
            (first, arcs)
        };
        let (up_first, up) = csr(&c.out);
        let (down_first, down) = csr(&c.inc);
        drop(c);
        clock.lap(Phase::Finish);
        if stats {
            eprintln!("contraction seconds by phase: {clock}");
        }
        let shortcuts = (up.len() + down.len()).saturating_sub(arcs_before);
        Hierarchy {
            up_first,
            up,
            down_first,
            down,
            shortcuts,
        }
    }

    /// The upward search space of `seeds`: every vertex it reaches with the time and metres
    /// to (forward) or from (backward) the seeds, sorted by vertex.
    fn search(&self, seeds: &[Seed], forward: bool, state: &mut SearchState) -> Vec<Reached> {
        let ((first, arcs), (other_first, other_arcs)) = if forward {
            ((&self.up_first, &self.up), (&self.down_first, &self.down))
        } else {
            ((&self.down_first, &self.down), (&self.up_first, &self.up))
        };
        state.prepare(self.up_first.len() - 1);
        for s in seeds {
            state.improve(s.vertex, s.time_ms, s.metres);
        }
        let mut reached = Vec::new();
        while let Some(key) = state.heap.pop() {
            let (time, u) = ((key >> 32) as u32, key as u32);
            let ui = u as usize;
            if state.time[ui] != time || state.done[ui] == state.generation {
                continue;
            }
            state.done[ui] = state.generation;
            // Stall on demand: a higher vertex already reached, with an arc down to `u`, gives
            // a faster way to `u`; then `u` is on no shortest upward path.
            let stalled = other_arcs[other_first[ui] as usize..other_first[ui + 1] as usize]
                .iter()
                .any(|a| {
                    state
                        .time_if_reached(a.head)
                        .is_some_and(|t| t.saturating_add(a.time_ms) < time)
                });
            if stalled {
                continue;
            }
            let metres = state.metres[ui];
            reached.push(Reached {
                vertex: u,
                time_ms: time,
                metres,
            });
            for a in &arcs[first[ui] as usize..first[ui + 1] as usize] {
                state.improve(a.head, time.saturating_add(a.time_ms), metres + a.metres);
            }
        }
        reached.sort_unstable_by_key(|r| r.vertex);
        reached
    }

    /// Times and metres from each source seed set to each target seed set (`None` where there
    /// is no path). Sources and targets are lists of seeds: a point on an edge enters the
    /// graph at one or both ends of its edge.
    pub fn many_to_many(
        &self,
        sources: &[Vec<Seed>],
        targets: &[Vec<Seed>],
    ) -> Vec<Vec<Option<(u32, f64)>>> {
        let n = self.up_first.len() - 1;
        // Buckets: for each vertex, the targets that reach it and how far they are.
        let spaces: Vec<Vec<Reached>> = targets
            .par_iter()
            .map_init(
                || SearchState::new(n),
                |state, seeds| self.search(seeds, false, state),
            )
            .collect();
        let mut bucket_first = vec![0u32; n + 1];
        for space in &spaces {
            for r in space {
                bucket_first[r.vertex as usize + 1] += 1;
            }
        }
        for v in 0..n {
            bucket_first[v + 1] += bucket_first[v];
        }
        let mut next = bucket_first.clone();
        let mut buckets = vec![
            Bucket {
                target: 0,
                time_ms: 0,
                metres: 0.0
            };
            bucket_first[n] as usize
        ];
        for (t, space) in spaces.iter().enumerate() {
            for r in space {
                let slot = &mut next[r.vertex as usize];
                buckets[*slot as usize] = Bucket {
                    target: t as u32,
                    time_ms: r.time_ms,
                    metres: r.metres,
                };
                *slot += 1;
            }
        }
        drop((spaces, next));
        sources
            .par_iter()
            .map_init(
                || SearchState::new(n),
                |state, seeds| {
                    let mut row: Vec<Option<(u32, f64)>> = vec![None; targets.len()];
                    for r in self.search(seeds, true, state) {
                        let v = r.vertex as usize;
                        for b in &buckets[bucket_first[v] as usize..bucket_first[v + 1] as usize] {
                            let time = r.time_ms.saturating_add(b.time_ms);
                            let cell = &mut row[b.target as usize];
                            if cell.is_none_or(|(t, _)| time < t) {
                                *cell = Some((time, r.metres + b.metres));
                            }
                        }
                    }
                    row
                },
            )
            .collect()
    }
}

#[derive(Clone, Copy, Debug)]
struct Reached {
    vertex: u32,
    time_ms: u32,
    metres: f64,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    target: u32,
    time_ms: u32,
    metres: f64,
}

struct SearchState {
    generation: u32,
    stamp: Vec<u32>,
    done: Vec<u32>,
    time: Vec<u32>,
    metres: Vec<f64>,
    heap: QuadHeap,
}

impl SearchState {
    fn new(n: usize) -> SearchState {
        SearchState {
            generation: 0,
            stamp: vec![0; n],
            done: vec![0; n],
            time: vec![0; n],
            metres: vec![0.0; n],
            heap: QuadHeap::default(),
        }
    }

    fn prepare(&mut self, n: usize) {
        if self.stamp.len() != n || self.generation == u32::MAX {
            *self = SearchState::new(n);
        }
        self.generation += 1;
        self.heap.clear();
    }

    fn improve(&mut self, v: u32, time_ms: u32, metres: f64) {
        let i = v as usize;
        if self.stamp[i] != self.generation || time_ms < self.time[i] {
            self.stamp[i] = self.generation;
            self.time[i] = time_ms;
            self.metres[i] = metres;
            self.heap.push((time_ms as u64) << 32 | v as u64);
        }
    }

    fn time_if_reached(&self, v: u32) -> Option<u32> {
        let i = v as usize;
        (self.stamp[i] == self.generation).then_some(self.time[i])
    }
}
