#include "pdf/pdf_streams.h"

#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

namespace ep::pdf {

namespace {

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
    // A helper's exception (std::bad_alloc) would end the process on its thread: it is kept
    // and thrown here once every helper has stopped.
    std::mutex failed_mutex;
    std::exception_ptr failed;
    {
        std::vector<std::jthread> helpers;
        for (int t = 1; t < threads && static_cast<size_t>(t) < jobs.size(); ++t)
            helpers.emplace_back([&] {
                try {
                    Deflater own(level);
                    work(own);
                } catch (...) {
                    next = jobs.size();
                    std::lock_guard<std::mutex> lock(failed_mutex);
                    failed = std::current_exception();
                }
            });
        try {
            work(deflate);
        } catch (...) {
            next = jobs.size();
            throw;   // the helpers are joined on the way out
        }
    }
    if (failed) std::rethrow_exception(failed);
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

void prepare_streams(HPDF_Doc pdf, const std::set<HPDF_Dict>& font_programs, const StreamOptions& options) {
    finish_pages(pdf);
    compress_streams(pdf, font_programs, options.level, options.threads);
}

}  // namespace ep::pdf
