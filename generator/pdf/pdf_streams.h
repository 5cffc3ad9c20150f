// The PDF's streams made ready for saving, faster than libharu would make them: every stream
// compressed here with libdeflate at a chosen level (libharu deflates with zlib at one fixed
// level and has no way to set it), identical font programs once per build.
// Built on libharu internals; see docs/pdf.md ("libharu internals relied on").
#pragma once

#include <set>
#include <string>

#include <hpdf.h>

struct libdeflate_compressor;

namespace ep::pdf {

// Compression level for the PDF's streams (libdeflate, 1-12). At level 1 libdeflate takes a
// third of the time of libharu's zlib at its fixed level 6 for output 3 % larger
// (docs/performance.md).
constexpr int stream_compression_level = 1;

// Compresses to the zlib format /FlateDecode reads, with libdeflate (deterministic: same bytes
// in, same bytes out). Empty on failure. One Deflater is reused for all of a document's streams.
class Deflater {
public:
    explicit Deflater(int level);
    ~Deflater();
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;
    std::string operator()(const std::string& data);
    int level() const { return level_; }

private:
    int level_;
    ::libdeflate_compressor* compressor_ = nullptr;
};
std::string deflate_bytes(const std::string& data, int level);

// Call after the last page is drawn and the fonts are embedded (FontSet::embed), before
// HPDF_SaveToStream. Closes pages left inside a text object or a saved graphics state (as
// libharu would on saving), then replaces the contents of every stream libharu would compress
// by its compressed bytes and marks it /FlateDecode itself, so libharu copies them unchanged.
// `font_programs` are compressed once per build (the per-place packs embed the same subsets).
// Errors go to libharu's error handler (check with HpdfDoc::check).
struct StreamOptions {
    int level = stream_compression_level;
    int threads = 1;            // streams are compressed by this many threads (same bytes)
};
void prepare_streams(HPDF_Doc pdf, const std::set<HPDF_Dict>& font_programs = {}, const StreamOptions& options = {});

}  // namespace ep::pdf
