#include "geo/linework.h"

#include <algorithm>
#include <cstring>

namespace ep::geo {

namespace {

std::uint64_t bits(double v) {
    if (v == 0) v = 0;   // -0.0 is 0.0
    std::uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

std::uint64_t mix(std::uint64_t h) {   // splitmix64's finaliser
    h ^= h >> 30, h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27, h *= 0x94d049bb133111ebull;
    return h ^ (h >> 31);
}

std::uint64_t point_hash(const model::MapPoint& p) { return mix(bits(p.x) * 31 + mix(bits(p.y))); }
std::uint64_t pair_hash(int i, int j) { return mix((static_cast<std::uint64_t>(i) << 32) | static_cast<std::uint32_t>(j)); }

// Doubles the table and puts every entry back, by `hash` of its index.
template <typename Hash>
void regrow(std::vector<int>& slots, size_t entries, Hash hash) {
    slots.assign(slots.size() * 2, -1);
    const size_t mask = slots.size() - 1;
    for (size_t e = 0; e < entries; ++e) {
        size_t h = hash(e) & mask;
        while (slots[h] >= 0) h = (h + 1) & mask;
        slots[h] = static_cast<int>(e);
    }
}

}  // namespace

int Linework::node(const model::MapPoint& p) {
    if (2 * points_.size() >= point_slots_.size())
        regrow(point_slots_, points_.size(), [&](size_t e) { return point_hash(points_[e]); });
    const size_t mask = point_slots_.size() - 1;
    for (size_t h = point_hash(p) & mask;; h = (h + 1) & mask) {
        const int at = point_slots_[h];
        if (at < 0) {
            point_slots_[h] = static_cast<int>(points_.size());
            points_.push_back(p);
            return point_slots_[h];
        }
        if (points_[static_cast<size_t>(at)].x == p.x && points_[static_cast<size_t>(at)].y == p.y) return at;
    }
}

// The edge between nodes i and j (i < j), made when new.
size_t Linework::edge(int i, int j) {
    if (2 * edges_.size() >= edge_slots_.size())
        regrow(edge_slots_, edges_.size(), [&](size_t e) { return pair_hash(edges_[e].a, edges_[e].b); });
    const size_t mask = edge_slots_.size() - 1;
    for (size_t h = pair_hash(i, j) & mask;; h = (h + 1) & mask) {
        const int at = edge_slots_[h];
        if (at < 0) {
            edge_slots_[h] = static_cast<int>(edges_.size());
            edges_.push_back({i, j});
            return edges_.size() - 1;
        }
        if (edges_[static_cast<size_t>(at)].a == i && edges_[static_cast<size_t>(at)].b == j) return static_cast<size_t>(at);
    }
}

void Linework::add_ring(const model::MapRing& ring, int area) {
    for (size_t k = 0; k < ring.size(); ++k) {
        const int i = node(ring[k]), j = node(ring[(k + 1) % ring.size()]);
        if (i == j) continue;
        Edge& e = edges_[edge(std::min(i, j), std::max(i, j))];
        for (int side = 0; side < 2; ++side)
            if (e.area[side] == area || e.area[side] < 0) {
                e.area[side] = area;
                ++e.count[side];
                break;
            }
    }
}

std::vector<model::MapRing> Linework::chains() const {
    // Each node's edges, in one array: node n's are at first[n] .. first[n + 1].
    std::vector<size_t> first(points_.size() + 1, 0);
    for (const Edge& e : edges_)
        if (e.border()) ++first[static_cast<size_t>(e.a) + 1], ++first[static_cast<size_t>(e.b) + 1];
    for (size_t n = 0; n < points_.size(); ++n) first[n + 1] += first[n];
    std::vector<size_t> incident(first.back()), fill(first.begin(), first.end() - 1);
    for (size_t e = 0; e < edges_.size(); ++e)
        if (edges_[e].border()) {
            incident[fill[static_cast<size_t>(edges_[e].a)]++] = e;
            incident[fill[static_cast<size_t>(edges_[e].b)]++] = e;
        }
    auto degree = [&](size_t n) { return first[n + 1] - first[n]; };
    auto other = [&](size_t e, size_t n) { return static_cast<size_t>(edges_[e].a) == n ? edges_[e].b : edges_[e].a; };
    std::vector<bool> used(edges_.size(), false);
    std::vector<model::MapRing> out;
    auto walk = [&](size_t from, size_t e) {
        model::MapRing chain{points_[from]};
        for (size_t at = from;;) {
            used[e] = true;
            at = static_cast<size_t>(other(e, at));
            chain.push_back(points_[at]);
            if (degree(at) != 2) break;   // a junction or an end
            const size_t e0 = incident[first[at]], e1 = incident[first[at] + 1];
            e = used[e0] ? e1 : e0;
            if (used[e]) break;   // round a loop, back at its start
        }
        out.push_back(std::move(chain));
    };
    for (size_t n = 0; n < points_.size(); ++n)
        if (degree(n) != 2)
            for (size_t k = first[n]; k < first[n + 1]; ++k)
                if (!used[incident[k]]) walk(n, incident[k]);
    for (size_t n = 0; n < points_.size(); ++n)   // what is left are loops with no junction (islands)
        if (degree(n) == 2 && !used[incident[first[n]]]) walk(n, incident[first[n]]);
    return out;
}

}  // namespace ep::geo
