/**
 * Reviewer suggestions: which reviewers each application should get, as a min-cost maximum flow.
 *
 * The network: source -> application (capacity: the reviewers it still needs) -> reviewer (capacity 1, only for
 * eligible pairs: no conflict warning, not already on the application) -> sink (one unit edge per open slot below
 * the reviewer's cap, the k-th costing LOAD_WEIGHT times the reviewer's load once it is taken). So:
 * - the flow is maximum: every application gets its reviewers whenever caps and conflicts allow it, and otherwise as
 *   many pairs as can be made at all are made;
 * - no cap is exceeded and no ineligible pair is made (there is no edge for it);
 * - among maximum flows the cheapest wins. A reviewer's k-th review costs more than the (k-1)-th by LOAD_WEIGHT,
 *   which is larger than any difference in preference, so moving one review from a reviewer to another whose load is
 *   lower by 2 or more always lowers the cost: at the optimum no such move exists (loads are spread within 1 where
 *   the eligible pairs allow it), and preference (department, keywords) decides between reviewers of equal load.
 *
 * Solved with the primal-dual method: Dijkstra on reduced costs sets potentials, then blocking flows (Dinic) push
 * along the zero-reduced-cost edges, until the sink cannot be reached. Pure and deterministic: the same input, in
 * the same order, gives the same answer (callers sort by id).
 */

/** Preference of a pair, 0 (no match) to PREFERENCE_MAX. */
export const PREFERENCE_MAX = 6
const LOAD_WEIGHT = PREFERENCE_MAX + 1

export type SuggestionReviewer = {
	id: number
	/** Open (active) reviews now. */
	load: number
	/** The most open reviews they may have. */
	cap: number
}

export type SuggestionApplication = {
	id: number
	/** How many more reviewers it needs. */
	need: number
	/** The reviewers it may get, with how well each fits (0..PREFERENCE_MAX). */
	candidates: readonly { reviewerId: number; preference: number }[]
}

export type SuggestionResult = {
	/** Reviewer ids per application id, best fit first; an application needing none is absent. */
	assignments: Map<number, number[]>
	/** The load each reviewer would have after the suggestion. */
	loads: Map<number, number>
}

/**
 * The residual network. Edges are added in pairs (forward, then reverse at id ^ 1); `compile` then lists each node's
 * edges contiguously, in the order they were added, so the searches walk flat typed arrays.
 */
class Network {
	private from: number[] = []
	private target: number[] = []
	private capacities: number[] = []
	private costs: number[] = []
	to = new Int32Array(0)
	capacity = new Int32Array(0)
	cost = new Int32Array(0)
	/** Node n's edges are arcs[start[n]] .. arcs[start[n + 1] - 1]. */
	start = new Int32Array(0)
	arcs = new Int32Array(0)

	constructor(readonly size: number) {}

	add(from: number, to: number, capacity: number, cost: number): number {
		const edge = this.target.length
		this.from.push(from, to)
		this.target.push(to, from)
		this.capacities.push(capacity, 0)
		this.costs.push(cost, -cost)
		return edge
	}

	compile() {
		const count = this.target.length
		this.to = Int32Array.from(this.target)
		this.capacity = Int32Array.from(this.capacities)
		this.cost = Int32Array.from(this.costs)
		this.start = new Int32Array(this.size + 1)
		for (const node of this.from) this.start[node + 1]! += 1
		for (let node = 0; node < this.size; node++) this.start[node + 1]! += this.start[node]!
		const fill = this.start.slice(0, this.size)
		this.arcs = new Int32Array(count)
		for (let edge = 0; edge < count; edge++) this.arcs[fill[this.from[edge]!]!++] = edge
	}
}

/** A binary heap of (distance, node) pairs, smallest distance first. */
class Heap {
	private keys: number[] = []
	private nodes: number[] = []

	get size() {
		return this.keys.length
	}

	push(key: number, node: number) {
		const { keys, nodes } = this
		let i = keys.length
		keys.push(key)
		nodes.push(node)
		while (i > 0) {
			const parent = (i - 1) >> 1
			if (keys[parent]! <= key) break
			keys[i] = keys[parent]!
			nodes[i] = nodes[parent]!
			i = parent
		}
		keys[i] = key
		nodes[i] = node
	}

	/** Removes the smallest pair; returns its node and leaves its key in `lastKey`. */
	lastKey = 0
	pop(): number {
		const { keys, nodes } = this
		const top = nodes[0]!
		this.lastKey = keys[0]!
		const key = keys.pop()!
		const node = nodes.pop()!
		const n = keys.length
		if (n > 0) {
			let i = 0
			for (;;) {
				let child = 2 * i + 1
				if (child >= n) break
				if (child + 1 < n && keys[child + 1]! < keys[child]!) child += 1
				if (keys[child]! >= key) break
				keys[i] = keys[child]!
				nodes[i] = nodes[child]!
				i = child
			}
			keys[i] = key
			nodes[i] = node
		}
		return top
	}
}

function minCostMaxFlow(network: Network, source: number, sink: number): void {
	network.compile()
	const { size, to, capacity, cost, start, arcs } = network
	const potential = new Float64Array(size)
	const distance = new Float64Array(size)
	const done = new Uint8Array(size)
	const level = new Int32Array(size)
	const arc = new Int32Array(size)
	const queue = new Int32Array(size)
	const heap = new Heap()
	const reduced = (edge: number, from: number) => cost[edge]! + potential[from]! - potential[to[edge]!]!

	for (;;) {
		// Shortest distances from the source on reduced costs (all non-negative).
		distance.fill(Infinity)
		done.fill(0)
		distance[source] = 0
		heap.push(0, source)
		while (heap.size > 0) {
			const node = heap.pop()
			if (done[node]) continue
			done[node] = 1
			const base = heap.lastKey
			for (let i = start[node]!, end = start[node + 1]!; i < end; i++) {
				const edge = arcs[i]!
				if (capacity[edge]! <= 0) continue
				const target = to[edge]!
				const candidate = base + reduced(edge, node)
				if (candidate < distance[target]!) {
					distance[target] = candidate
					heap.push(candidate, target)
				}
			}
		}
		const reach = distance[sink]!
		if (reach === Infinity) return
		for (let node = 0; node < size; node++) potential[node] = potential[node]! + Math.min(distance[node]!, reach)

		// Blocking flows along edges of zero reduced cost until the sink is cut off from them.
		for (;;) {
			level.fill(-1)
			level[source] = 0
			let read = 0
			let write = 0
			queue[write++] = source
			while (read < write) {
				const node = queue[read++]!
				for (let i = start[node]!, end = start[node + 1]!; i < end; i++) {
					const edge = arcs[i]!
					const target = to[edge]!
					if (capacity[edge]! > 0 && level[target] === -1 && reduced(edge, node) === 0) {
						level[target] = level[node]! + 1
						queue[write++] = target
					}
				}
			}
			if (level[sink] === -1) break
			arc.set(start.subarray(0, size))
			const push = (node: number, limit: number): number => {
				if (node === sink) return limit
				for (const end = start[node + 1]!; arc[node]! < end; arc[node]! += 1) {
					const edge = arcs[arc[node]!]!
					const target = to[edge]!
					if (capacity[edge]! <= 0 || level[target] !== level[node]! + 1 || reduced(edge, node) !== 0) continue
					const pushed = push(target, Math.min(limit, capacity[edge]!))
					if (pushed > 0) {
						capacity[edge] = capacity[edge]! - pushed
						capacity[edge ^ 1] = capacity[edge ^ 1]! + pushed
						return pushed
					}
				}
				return 0
			}
			while (push(source, Infinity) > 0) {
				/* push until blocked */
			}
		}
	}
}

export function suggestReviewers(applications: readonly SuggestionApplication[], reviewers: readonly SuggestionReviewer[]): SuggestionResult {
	const reviewerIndex = new Map(reviewers.map((reviewer, index) => [reviewer.id, index]))
	const source = 0
	const firstReviewer = 1 + applications.length
	const sink = firstReviewer + reviewers.length
	const network = new Network(sink + 1)

	const pairEdges: { applicationId: number; reviewerId: number; edge: number; preference: number }[] = []
	applications.forEach((application, index) => {
		if (application.need <= 0) return
		const node = 1 + index
		network.add(source, node, application.need, 0)
		// Best fit first, then by id: the edge order breaks ties, so keep it stable.
		const candidates = [...application.candidates]
			.filter((candidate) => reviewerIndex.has(candidate.reviewerId))
			.sort((a, b) => b.preference - a.preference || a.reviewerId - b.reviewerId)
		const seen = new Set<number>()
		for (const { reviewerId, preference } of candidates) {
			if (seen.has(reviewerId)) continue
			seen.add(reviewerId)
			const fit = Math.max(0, Math.min(PREFERENCE_MAX, Math.round(preference)))
			const edge = network.add(node, firstReviewer + reviewerIndex.get(reviewerId)!, 1, PREFERENCE_MAX - fit)
			pairEdges.push({ applicationId: application.id, reviewerId, edge, preference: fit })
		}
	})
	reviewers.forEach((reviewer, index) => {
		for (let load = reviewer.load + 1; load <= reviewer.cap; load++) network.add(firstReviewer + index, sink, 1, LOAD_WEIGHT * load)
	})

	minCostMaxFlow(network, source, sink)

	const chosen = pairEdges.filter((pair) => network.capacity[pair.edge] === 0)
	const assignments = new Map<number, number[]>()
	const loads = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer.load]))
	for (const pair of chosen) {
		const list = assignments.get(pair.applicationId) ?? []
		list.push(pair.reviewerId)
		assignments.set(pair.applicationId, list)
		loads.set(pair.reviewerId, loads.get(pair.reviewerId)! + 1)
	}
	return { assignments, loads }
}
