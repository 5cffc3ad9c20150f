#include "pdf/pdf_streams.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>
#include <vector>

#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

namespace ep::pdf {

namespace {

// The tables libharu embeds, in its order (hpdf_fontdef_tt.c, REQUIRED_TAGS).
constexpr int kept_table_count = 13;
constexpr const char* kept_tables[kept_table_count] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                                       "hmtx", "loca", "maxp", "name", "post", "prep"};
constexpr std::uint32_t directory_size = 12 + 16 * kept_table_count;

void put16(std::string& s, std::uint16_t v) {
    s += static_cast<char>(v >> 8);
    s += static_cast<char>(v & 0xFF);
}

void put32(std::string& s, std::uint32_t v) {
    s += static_cast<char>(v >> 24);
    s += static_cast<char>((v >> 16) & 0xFF);
    s += static_cast<char>((v >> 8) & 0xFF);
    s += static_cast<char>(v & 0xFF);
}

std::uint32_t word_at(const std::string& s, size_t at) {
    auto b = [&](size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])); };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

// The TrueType table checksum: big-endian words, the last one padded with zeros.
std::uint32_t table_checksum(const std::string& s, size_t offset, size_t length) {
    std::uint32_t sum = 0;
    size_t i = 0;
    for (; i + 4 <= length; i += 4) sum += word_at(s, offset + i);
    if (i < length) {
        std::string last = s.substr(offset + i, length - i);
        last.resize(4, '\0');
        sum += word_at(last, 0);
    }
    return sum;
}

const HPDF_TTFTable* find_table(HPDF_TTFontDefAttr a, const char* tag) {
    for (HPDF_UINT i = 0; i < a->offset_tbl.num_tables; ++i)
        if (std::memcmp(a->offset_tbl.table[i].tag, tag, 4) == 0) return &a->offset_tbl.table[i];
    return nullptr;
}

// One seek and one read for a whole range of the font file (libharu reads four bytes at a
// time and seeks for every glyph).
bool read_at(HPDF_Stream file, std::uint32_t offset, std::uint32_t length, std::string& out) {
    out.assign(length, '\0');
    if (length == 0) return true;
    if (HPDF_Stream_Seek(file, static_cast<HPDF_INT>(offset), HPDF_SEEK_SET) != HPDF_OK) return false;
    HPDF_UINT n = length;
    return HPDF_Stream_Read(file, reinterpret_cast<HPDF_BYTE*>(out.data()), &n) == HPDF_OK && n == length;
}

void write_head(std::string& out, const HPDF_TTF_FontHeader& h, size_t& check_sum_at) {
    out.append(reinterpret_cast<const char*>(h.version_number), 4);
    put32(out, h.font_revision);
    check_sum_at = out.size();
    put32(out, 0);   // checkSumAdjustment, set once the whole font is known
    put32(out, h.magic_number);
    put16(out, h.flags);
    put16(out, h.units_per_em);
    out.append(reinterpret_cast<const char*>(h.created), 8);
    out.append(reinterpret_cast<const char*>(h.modified), 8);
    put16(out, static_cast<std::uint16_t>(h.x_min));
    put16(out, static_cast<std::uint16_t>(h.y_min));
    put16(out, static_cast<std::uint16_t>(h.x_max));
    put16(out, static_cast<std::uint16_t>(h.y_max));
    put16(out, h.mac_style);
    put16(out, h.lowest_rec_ppem);
    put16(out, static_cast<std::uint16_t>(h.font_direction_hint));
    put16(out, static_cast<std::uint16_t>(h.index_to_loc_format));
    put16(out, static_cast<std::uint16_t>(h.glyph_data_format));
}

// glyf with only the used glyphs (the others become empty); fills the new loca offsets.
bool write_glyf(std::string& out, HPDF_TTFontDefAttr a, std::vector<std::uint32_t>& new_offsets) {
    const bool short_loca = a->header.index_to_loc_format == 0;
    const std::uint32_t unit = short_loca ? 2 : 1;
    const HPDF_UINT32* loca = a->glyph_tbl.offsets;
    // Read the span holding every used glyph at once.
    std::uint64_t lo = UINT64_MAX, hi = 0;
    for (HPDF_UINT16 i = 0; i < a->num_glyphs; ++i) {
        if (a->glyph_tbl.flgs[i] != 1) continue;
        if (loca[i + 1] < loca[i]) return false;
        lo = std::min<std::uint64_t>(lo, std::uint64_t{loca[i]} * unit);
        hi = std::max<std::uint64_t>(hi, std::uint64_t{loca[i + 1]} * unit);
    }
    std::string span;
    if (hi > lo && (hi - lo > UINT32_MAX || !read_at(a->stream, static_cast<std::uint32_t>(a->glyph_tbl.base_offset + lo),
                                                      static_cast<std::uint32_t>(hi - lo), span)))
        return false;
    const size_t start = out.size();
    std::uint32_t saved = 0;
    new_offsets.assign(a->num_glyphs + 1u, 0);
    for (HPDF_UINT16 i = 0; i < a->num_glyphs; ++i) {
        if (a->glyph_tbl.flgs[i] == 1) {
            new_offsets[i] = static_cast<std::uint32_t>((out.size() - start) / unit);
            const std::uint64_t from = std::uint64_t{loca[i]} * unit - lo;
            out.append(span, static_cast<size_t>(from), static_cast<size_t>((loca[i + 1] - loca[i]) * unit));
            saved = static_cast<std::uint32_t>((out.size() - start) / unit);
        } else {
            new_offsets[i] = saved;
        }
    }
    new_offsets[a->num_glyphs] = saved;
    return true;
}

// name with the subset tag before the family and full names (records 1 and 4), as libharu does.
bool write_name(std::string& out, HPDF_TTFontDefAttr a, const HPDF_TTFTable& table) {
    const HPDF_TTF_NamingTable& nt = a->name_tbl;
    std::uint32_t end = 0;
    for (HPDF_UINT16 i = 0; i < nt.count; ++i)
        end = std::max<std::uint32_t>(end, std::uint32_t{nt.string_offset} + nt.name_records[i].offset +
                                               nt.name_records[i].length);
    std::string raw;
    if (!read_at(a->stream, table.offset, end, raw)) return false;
    put16(out, nt.format);
    put16(out, nt.count);
    put16(out, nt.string_offset);
    std::string strings;
    for (HPDF_UINT16 i = 0; i < nt.count; ++i) {
        const HPDF_TTF_NameRecord& r = nt.name_records[i];
        std::uint32_t length = r.length;
        const std::uint32_t at = static_cast<std::uint32_t>(strings.size());
        if (r.name_id == 1 || r.name_id == 4) {
            if (r.platform_id == 0 || r.platform_id == 3) {
                strings.append(a->tag_name2, sizeof a->tag_name2);
                length += sizeof a->tag_name2;
            } else {
                strings.append(a->tag_name, sizeof a->tag_name);
                length += sizeof a->tag_name;
            }
        }
        put16(out, r.platform_id);
        put16(out, r.encoding_id);
        put16(out, r.language_id);
        put16(out, r.name_id);
        put16(out, static_cast<std::uint16_t>(length));
        put16(out, static_cast<std::uint16_t>(at));
        strings.append(raw, std::uint32_t{nt.string_offset} + r.offset, r.length);
    }
    out += strings;
    return true;
}

// The PDF's /Filter for a stream whose bytes were compressed here; written where libharu
// writes its own (after the dictionary's other keys, in the same form).
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
    return HPDF_Stream_WriteStr(stream, "/Filter [ /FlateDecode ]\012");
}

void set_stream_bytes(HPDF_Dict dict, const std::string& bytes, bool compressed) {
    HPDF_MemStream_FreeData(dict->stream);
    if (!bytes.empty())
        HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                          static_cast<HPDF_UINT>(bytes.size()));
    if (compressed) {
        dict->filter = HPDF_STREAM_FILTER_NONE;   // libharu copies the bytes as they are...
        dict->write_fn = write_flate_filter;      // ...and the dictionary says how to read them
    }
}

std::string stream_bytes(HPDF_Stream stream) {
    std::string s;
    s.reserve(stream->size);
    const HPDF_UINT n = HPDF_MemStream_GetBufCount(stream);
    for (HPDF_UINT i = 0; i < n; ++i) {
        HPDF_UINT len = 0;
        const HPDF_BYTE* p = HPDF_MemStream_GetBufPtr(stream, i, &len);
        if (p) s.append(reinterpret_cast<const char*>(p), len);
    }
    return s;
}

// Font programs are the same in every pack of a build (the same faces, mostly the same
// glyphs), so a build of many packs compresses each one once.
class FontProgramCache {
public:
    bool find(const std::string& program, int level, std::string& z) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = cache_.find({program, level});
        if (it == cache_.end()) return false;
        z = it->second;
        return true;
    }
    void add(const std::string& program, int level, const std::string& z) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!z.empty() && cache_.size() < 32) cache_.emplace(std::make_pair(program, level), z);
    }

private:
    std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::string> cache_;
};

FontProgramCache& font_program_cache() {
    static FontProgramCache cache;
    return cache;
}

// A stream to compress: its bytes, and whether it is a font program (see FontProgramCache).
struct Compression {
    HPDF_Dict dict = nullptr;
    std::string bytes;
    bool font_program = false;
    std::string z;   // the compressed bytes; empty if compression failed
};

// Compresses every job's bytes, spread over `threads` threads each with its own compressor.
// Each job's result depends only on its bytes, so the file is the same with any count.
void compress_all(std::vector<Compression>& jobs, int level, int threads) {
    auto compress = [level](Compression& job, Deflater& deflate) {
        if (job.font_program && font_program_cache().find(job.bytes, level, job.z)) return;
        job.z = deflate(job.bytes);
        if (job.font_program) font_program_cache().add(job.bytes, level, job.z);
    };
    if (jobs.empty()) return;
    std::atomic<size_t> next{0};
    Deflater deflate(level);
    // The first stream is compressed before the helpers start, so libdeflate settles its
    // choice of CPU routines (a lazily set global) on one thread.
    compress(jobs[next++], deflate);
    auto work = [&](Deflater& d) {
        for (size_t i; (i = next++) < jobs.size();) compress(jobs[i], d);
    };
    std::vector<std::jthread> helpers;
    for (int t = 1; t < threads && static_cast<size_t>(t) < jobs.size(); ++t)
        helpers.emplace_back([&] {
            Deflater own(level);
            work(own);
        });
    work(deflate);
}

// ---- which glyphs the pages show ---------------------------------------------------------------

// A PDF content stream read just far enough to know, for each font, which character codes it
// shows. In the streams written here every string operand outside a dictionary belongs to a
// text operator (Tj ' " TJ), so a string's bytes are counted for the font set by the last Tf
// (which follows q/Q); strings inside dictionaries (marked-content properties) are skipped.
// Returns false on anything unexpected (an inline image, an XObject, a string before any
// font, a name Tf cannot resolve): then no font is subset.
class ContentScanner {
public:
    ContentScanner(const std::map<std::string, HPDF_Font>& names, std::map<HPDF_Font, std::array<bool, 256>>& used)
        : names_(names), used_(used) {}

    bool scan(const std::string& s) {
        p_ = s.data();
        end_ = p_ + s.size();
        while (skip_space()) {
            const char c = *p_;
            if (c == '(') {
                if (!codes_ || !literal(true)) return false;
            } else if (c == '<' && peek(1) == '<') {
                p_ += 2;
                if (!skip_dict()) return false;
            } else if (c == '<') {
                if (!codes_ || !hex(true)) return false;
            } else if (c == '[' || c == ']') {
                ++p_;
            } else if (c == '/') {
                ++p_;
                name_ = regular();
            } else if (c == ')' || c == '>' || c == '{' || c == '}') {
                return false;
            } else {
                const std::string_view word = regular();
                if (word.empty()) return false;
                const char w = word[0];
                if ((w >= '0' && w <= '9') || w == '-' || w == '+' || w == '.') continue;   // a number
                if (!operator_(word)) return false;
                name_ = {};
            }
        }
        return true;
    }

private:
    char peek(size_t ahead) const { return p_ + ahead < end_ ? p_[ahead] : '\0'; }
    static bool space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
    static bool delimiter(char c) {
        return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
               c == '/' || c == '%';
    }

    // Skips white space and comments; false at the end.
    bool skip_space() {
        while (p_ < end_) {
            if (space(*p_)) ++p_;
            else if (*p_ == '%') while (p_ < end_ && *p_ != '\n' && *p_ != '\r') ++p_;
            else return true;
        }
        return false;
    }

    std::string_view regular() {
        const char* from = p_;
        while (p_ < end_ && !space(*p_) && !delimiter(*p_)) ++p_;
        return {from, static_cast<size_t>(p_ - from)};
    }

    void count(unsigned char b, bool shown) {
        if (shown) (*codes_)[b] = true;
    }

    bool literal(bool shown) {
        ++p_;   // (
        int depth = 1;
        while (p_ < end_) {
            const char c = *p_++;
            if (c == '\\') {
                if (p_ >= end_) return false;
                const char e = *p_++;
                switch (e) {
                    case 'n': count('\n', shown); break;
                    case 'r': count('\r', shown); break;
                    case 't': count('\t', shown); break;
                    case 'b': count('\b', shown); break;
                    case 'f': count('\f', shown); break;
                    case '\r': if (p_ < end_ && *p_ == '\n') ++p_; break;   // line continuation
                    case '\n': break;
                    default:
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int k = 0; k < 2 && p_ < end_ && *p_ >= '0' && *p_ <= '7'; ++k) v = v * 8 + (*p_++ - '0');
                            count(static_cast<unsigned char>(v & 0xFF), shown);
                        } else {
                            count(static_cast<unsigned char>(e), shown);   // \( \) \\ and others
                        }
                }
            } else if (c == '(') {
                ++depth;
                count('(', shown);
            } else if (c == ')') {
                if (--depth == 0) return true;
                count(')', shown);
            } else {
                count(static_cast<unsigned char>(c), shown);
            }
        }
        return false;
    }

    bool hex(bool shown) {
        ++p_;   // <
        int high = -1;
        while (p_ < end_) {
            const char c = *p_++;
            if (c == '>') {
                if (high >= 0) count(static_cast<unsigned char>(high << 4), shown);
                return true;
            }
            if (space(c)) continue;
            int v;
            if (c >= '0' && c <= '9') v = c - '0';
            else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
            else return false;
            if (high < 0) {
                high = v;
            } else {
                count(static_cast<unsigned char>(high << 4 | v), shown);
                high = -1;
            }
        }
        return false;
    }

    // After "<<": up to the matching ">>" (marked-content properties; their strings are not shown).
    bool skip_dict() {
        int depth = 1;
        while (skip_space()) {
            const char c = *p_;
            if (c == '>' && peek(1) == '>') {
                p_ += 2;
                if (--depth == 0) return true;
            } else if (c == '<' && peek(1) == '<') {
                p_ += 2;
                ++depth;
            } else if (c == '(') {
                if (!literal(false)) return false;
            } else if (c == '<') {
                if (!hex(false)) return false;
            } else if (c == '/' || c == '[' || c == ']') {
                ++p_;
            } else if (!delimiter(c)) {
                regular();
            } else {
                return false;
            }
        }
        return false;
    }

    bool operator_(std::string_view op) {
        if (op == "Tf") {
            auto it = names_.find(std::string(name_));
            if (name_.empty() || it == names_.end()) return false;
            font_ = it->second;
            codes_ = &used_[font_];
        } else if (op == "q") {
            stack_.push_back(font_);
        } else if (op == "Q") {
            if (stack_.empty()) return false;
            font_ = stack_.back();
            stack_.pop_back();
            codes_ = font_ ? &used_[font_] : nullptr;
        } else if (op == "BI" || op == "Do") {
            return false;   // inline images and XObjects: not expected here
        }
        return true;
    }

    const std::map<std::string, HPDF_Font>& names_;
    std::map<HPDF_Font, std::array<bool, 256>>& used_;
    const char* p_ = nullptr;
    const char* end_ = nullptr;
    std::string_view name_;
    HPDF_Font font_ = nullptr;
    std::array<bool, 256>* codes_ = nullptr;
    std::vector<HPDF_Font> stack_;
};

void* direct(void* value) {
    auto* header = static_cast<HPDF_Obj_Header*>(value);
    return header && header->obj_class == HPDF_OCLASS_PROXY ? static_cast<HPDF_Proxy>(value)->obj : value;
}

// The character codes each font shows on the pages; false if any page could not be read.
bool codes_shown(HPDF_Doc pdf, std::map<HPDF_Font, std::array<bool, 256>>& used) {
    if (!pdf->page_list) return false;
    for (HPDF_UINT i = 0; i < pdf->page_list->count; ++i) {
        auto page = static_cast<HPDF_Page>(HPDF_List_ItemAt(pdf->page_list, i));
        auto* attr = page ? static_cast<HPDF_PageAttr>(page->attr) : nullptr;
        if (!attr || attr->xobjects || !attr->stream || attr->stream->type != HPDF_STREAM_MEMORY) return false;
        std::map<std::string, HPDF_Font> names;
        if (attr->fonts) {
            for (HPDF_UINT k = 0; k < attr->fonts->list->count; ++k) {
                auto e = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(attr->fonts->list, k));
                if (e) names[e->key] = static_cast<HPDF_Font>(direct(e->value));
            }
        }
        if (!ContentScanner(names, used).scan(stream_bytes(attr->stream))) return false;
    }
    return true;
}

// Marks glyph `gid` used, and the glyphs a composite glyph is built from.
void mark_glyph(HPDF_TTFontDefAttr a, HPDF_UINT16 gid, int depth = 0) {
    if (gid >= a->num_glyphs || a->glyph_tbl.flgs[gid] == 1) return;
    a->glyph_tbl.flgs[gid] = 1;
    const std::uint32_t unit = a->header.index_to_loc_format == 0 ? 2 : 1;
    const HPDF_UINT32* loca = a->glyph_tbl.offsets;
    if (loca[gid + 1] <= loca[gid] || depth > 8) return;
    std::string g;
    const std::uint32_t len = (loca[gid + 1] - loca[gid]) * unit;
    if (len < 10 || !read_at(a->stream, a->glyph_tbl.base_offset + loca[gid] * unit, len, g)) return;
    auto u16 = [&](size_t at) {
        return static_cast<std::uint16_t>(static_cast<unsigned char>(g[at]) << 8 | static_cast<unsigned char>(g[at + 1]));
    };
    if (static_cast<std::int16_t>(u16(0)) >= 0) return;   // a simple glyph
    // Composite: records of flags, glyph index, arguments and an optional transform.
    size_t at = 10;
    while (at + 4 <= g.size()) {
        const std::uint16_t flags = u16(at);
        mark_glyph(a, u16(at + 2), depth + 1);
        at += 4 + ((flags & 0x0001) ? 4 : 2);
        if (flags & 0x0008) at += 2;
        else if (flags & 0x0040) at += 4;
        else if (flags & 0x0080) at += 8;
        if (!(flags & 0x0020)) break;
    }
}

// libharu embeds every glyph whose width was ever asked for, and FontSet asks for all 256
// codes. Keep only the glyphs the pages show (and .notdef).
void subset_fonts(HPDF_Doc pdf) {
    std::map<HPDF_Font, std::array<bool, 256>> used;
    if (!pdf->font_mgr || !codes_shown(pdf, used)) return;
    for (HPDF_UINT i = 0; i < pdf->font_mgr->count; ++i) {
        auto font = static_cast<HPDF_Font>(HPDF_List_ItemAt(pdf->font_mgr, i));
        auto* fa = font ? static_cast<HPDF_FontAttr>(font->attr) : nullptr;
        if (!fa || fa->type != HPDF_FONT_TRUETYPE || !fa->fontdef || !fa->encoder) continue;
        HPDF_FontDef def = fa->fontdef;
        auto* da = static_cast<HPDF_TTFontDefAttr>(def->attr);
        if (def->type != HPDF_FONTDEF_TYPE_TRUETYPE || def->descriptor || !da || !da->embedding || !da->stream ||
            !da->glyph_tbl.flgs)
            continue;
        // Two fonts may share one face (one HPDF_FontDef); keep the glyphs of both.
        bool shared = false;
        for (HPDF_UINT k = 0; k < pdf->font_mgr->count; ++k) {
            auto other = static_cast<HPDF_Font>(HPDF_List_ItemAt(pdf->font_mgr, k));
            if (other != font && other && static_cast<HPDF_FontAttr>(other->attr)->fontdef == def) shared = true;
        }
        if (shared) continue;
        std::memset(da->glyph_tbl.flgs, 0, da->num_glyphs);
        mark_glyph(da, 0);
        const auto it = used.find(font);
        if (it == used.end()) continue;
        for (int code = 0; code < 256; ++code) {
            if (!it->second[static_cast<size_t>(code)]) continue;
            const HPDF_UNICODE unicode = HPDF_Encoder_ToUnicode(fa->encoder, static_cast<HPDF_UINT16>(code));
            mark_glyph(da, HPDF_TTFontDef_GetGlyphid(def, unicode));
        }
    }
}

// Closes what libharu's page BeforeWrite would close when saving (an open path or text
// object, unrestored graphics states), so no operator is added after the stream is compressed.
void finish_pages(HPDF_Doc pdf) {
    if (!pdf->page_list) return;
    for (HPDF_UINT i = 0; i < pdf->page_list->count; ++i) {
        auto page = static_cast<HPDF_Page>(HPDF_List_ItemAt(pdf->page_list, i));
        auto* attr = page ? static_cast<HPDF_PageAttr>(page->attr) : nullptr;
        if (!attr) continue;
        if (attr->gmode == HPDF_GMODE_PATH_OBJECT) HPDF_Page_EndPath(page);
        if (attr->gmode == HPDF_GMODE_TEXT_OBJECT) HPDF_Page_EndText(page);
        while (attr->gstate && attr->gstate->prev)
            if (HPDF_Page_GRestore(page) != HPDF_OK) break;
    }
}

// Adds each embedded TrueType font's program, uncompressed; returns their streams.
std::set<HPDF_Dict> embed_fonts(HPDF_Doc pdf, bool glyph_names) {
    std::set<HPDF_Dict> programs;
    if (!pdf->font_mgr) return programs;
    for (HPDF_UINT i = 0; i < pdf->font_mgr->count; ++i) {
        auto font = static_cast<HPDF_Font>(HPDF_List_ItemAt(pdf->font_mgr, i));
        if (!font || (font->header.obj_class & HPDF_OSUBCLASS_FONT) == 0 || !font->before_write_fn) continue;
        auto* fa = static_cast<HPDF_FontAttr>(font->attr);
        if (!fa || fa->type != HPDF_FONT_TRUETYPE || !fa->fontdef) continue;
        HPDF_FontDef def = fa->fontdef;
        if (def->type != HPDF_FONTDEF_TYPE_TRUETYPE || def->descriptor) continue;
        auto* da = static_cast<HPDF_TTFontDefAttr>(def->attr);
        if (!da || !da->embedding || !da->stream) continue;
        const std::string program = truetype_font_program(def, glyph_names);
        if (program.empty()) continue;   // leave this font to libharu
        // libharu's BeforeWrite makes the descriptor; without embedding it stops short of the
        // font file, which is added here with the keys libharu gives it, in its order.
        da->embedding = HPDF_FALSE;
        const HPDF_STATUS made = font->before_write_fn(font);
        da->embedding = HPDF_TRUE;
        if (made != HPDF_OK || !def->descriptor) return programs;
        HPDF_Dict data = HPDF_DictStream_New(font->mmgr, fa->xref);
        if (!data) return programs;
        HPDF_Dict_Add(def->descriptor, "FontFile2", data);
        HPDF_Dict_AddNumber(data, "Length1", static_cast<HPDF_INT32>(da->length1));
        HPDF_Dict_AddNumber(data, "Length2", 0);
        HPDF_Dict_AddNumber(data, "Length3", 0);
        data->filter = font->filter;
        set_stream_bytes(data, program, false);   // compress_streams compresses it with the rest
        programs.insert(data);
    }
    return programs;
}

void compress_streams(HPDF_Doc pdf, const std::set<HPDF_Dict>& font_programs, int level, int threads) {
    std::vector<Compression> jobs;
    for (HPDF_Xref xref = pdf->xref; xref; xref = xref->prev) {
        for (HPDF_UINT i = 0; i < xref->entries->count; ++i) {
            auto entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(xref->entries, i));
            if (!entry || !entry->obj) continue;
            auto* header = static_cast<HPDF_Obj_Header*>(entry->obj);
            if ((header->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT) continue;
            auto dict = static_cast<HPDF_Dict>(entry->obj);
            // Only plain Flate streams nobody else writes: a dictionary with its own write_fn
            // (a font) or a stream filled while saving is left to libharu.
            if (!dict->stream || dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE || dict->write_fn ||
                dict->before_write_fn || dict->stream->type != HPDF_STREAM_MEMORY)
                continue;
            jobs.push_back({dict, stream_bytes(dict->stream), font_programs.count(dict) > 0, {}});
        }
    }
    compress_all(jobs, level, threads);
    for (const Compression& job : jobs)
        if (!job.z.empty()) set_stream_bytes(job.dict, job.z, true);   // else libharu compresses it
}

}  // namespace

std::string truetype_font_program(HPDF_FontDef def, bool glyph_names) {
    auto* a = static_cast<HPDF_TTFontDefAttr>(def->attr);
    if (!a || !a->stream || !a->glyph_tbl.flgs || !a->glyph_tbl.offsets) return {};
    std::string tables;   // the tables, one after another (no padding between them, as libharu)
    std::uint32_t offset[kept_table_count] = {}, length[kept_table_count] = {};
    std::vector<std::uint32_t> new_offsets;
    size_t check_sum_at = 0;
    std::string raw;
    for (int t = 0; t < kept_table_count; ++t) {
        const std::string_view tag = kept_tables[t];
        const HPDF_TTFTable* table = find_table(a, kept_tables[t]);
        const size_t start = tables.size();
        bool ok = true;
        if (tag == "head") {
            write_head(tables, a->header, check_sum_at);
        } else if (tag == "glyf") {
            ok = write_glyf(tables, a, new_offsets);
        } else if (tag == "loca") {
            // glyf comes before loca in the table order, so the offsets are known.
            for (std::uint32_t o : new_offsets) {
                if (a->header.index_to_loc_format == 0) put16(tables, static_cast<std::uint16_t>(o));
                else put32(tables, o);
            }
        } else if (tag == "name") {
            ok = table && write_name(tables, a, *table);
        } else if (tag == "post" && !glyph_names && table && table->length >= 32) {
            // Format 3: the header alone. Viewers find glyphs through the cmap; the names
            // (27 KB in each Liberation face) serve nothing in a PDF with a WinAnsi encoding.
            ok = read_at(a->stream, table->offset, 32, raw);
            raw.replace(0, 4, std::string("\x00\x03\x00\x00", 4));
            tables += raw;
        } else if (table) {
            ok = read_at(a->stream, table->offset, table->length, raw);
            tables += raw;
        }
        if (!ok) return {};
        offset[t] = static_cast<std::uint32_t>(start);
        length[t] = static_cast<std::uint32_t>(tables.size() - start);
    }
    std::string out;
    out.reserve(directory_size + tables.size());
    put32(out, a->offset_tbl.sfnt_version);
    put16(out, kept_table_count);
    put16(out, a->offset_tbl.search_range);
    put16(out, a->offset_tbl.entry_selector);
    put16(out, a->offset_tbl.range_shift);
    for (int t = 0; t < kept_table_count; ++t) {
        out.append(kept_tables[t], 4);
        put32(out, table_checksum(tables, offset[t], length[t]));
        put32(out, offset[t] + directory_size);
        put32(out, length[t]);
    }
    // checkSumAdjustment as libharu computes it: over the tables' whole words only.
    std::uint32_t adjust = 0xB1B0AFBA;
    for (size_t i = 0; i + 4 <= tables.size(); i += 4) adjust -= word_at(tables, i);
    std::string adj;
    put32(adj, adjust);
    tables.replace(check_sum_at, 4, adj);
    a->length1 = static_cast<HPDF_UINT>(tables.size() + directory_size);
    out += tables;
    return out;
}

Deflater::Deflater(int level) : level_(level) {}

Deflater::~Deflater() { libdeflate_free_compressor(compressor_); }

std::string Deflater::operator()(const std::string& data) {
    if (!compressor_) compressor_ = libdeflate_alloc_compressor(level_);
    if (!compressor_) return {};
    std::string out(libdeflate_zlib_compress_bound(compressor_, data.size()), '\0');
    const size_t n = libdeflate_zlib_compress(compressor_, data.data(), data.size(), out.data(), out.size());
    out.resize(n);   // 0 (failure) leaves it empty
    return out;
}

std::string deflate_bytes(const std::string& data, int level) { return Deflater(level)(data); }

void prepare_streams(HPDF_Doc pdf, const StreamOptions& options) {
    finish_pages(pdf);
    if (options.subset) subset_fonts(pdf);
    const std::set<HPDF_Dict> font_programs = embed_fonts(pdf, options.glyph_names);
    compress_streams(pdf, font_programs, options.level, options.threads);
}

}  // namespace ep::pdf
