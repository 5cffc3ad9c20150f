// The PDF's streams made ready for saving, faster than libharu would make them: the embedded
// TrueType fonts subset to the glyphs shown and built from a few large reads of the font
// files, and every stream compressed here with libdeflate at a chosen level (libharu deflates
// with zlib at one fixed level and has no way to set it).
// Built on libharu internals; see docs/pdf.md ("libharu internals relied on").
#pragma once

#include <string>

#include <hpdf.h>

struct libdeflate_compressor;

namespace ep::pdf {

// Compression level for the PDF's streams (libdeflate, 1-12). At level 1 libdeflate takes a
// third of the time of libharu's zlib at its fixed level 6 for output 3 % larger
// (docs/performance.md).
constexpr int stream_compression_level = 1;

// The font program libharu would embed for `fontdef` (a TrueType font loaded with embedding):
// the 13 tables it keeps, glyphs it has not marked as used emptied, the subset tag in the
// names. With `glyph_names` it is byte for byte what HPDF_TTFontDef_SaveFontData writes (a
// unit test compares them); without, the post table keeps its header only (format 3).
// Errors reading the font file are recorded in libharu's error handler.
std::string truetype_font_program(HPDF_FontDef fontdef, bool glyph_names = true);

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

// Call after the last page is drawn and before HPDF_SaveToStream. Reads the pages' content
// streams for the characters each font shows and embeds only those glyphs (libharu embeds
// every glyph whose width was asked for: all of CP1252), without glyph names. Creates each
// embedded TrueType font's descriptor and font file (as libharu's font BeforeWrite would, with
// the same dictionary keys), then replaces the contents of every stream libharu would compress by
// its compressed bytes and marks it /FlateDecode itself, so libharu copies them unchanged.
// Pages left inside a text object or a saved graphics state are closed first, as libharu
// would on saving. Errors go to libharu's error handler (check with HpdfDoc::check).
struct StreamOptions {
    int level = stream_compression_level;
    bool subset = true;         // embed only the glyphs the pages show
    bool glyph_names = false;   // keep the fonts' post table whole
    int threads = 1;            // streams are compressed by this many threads (same bytes)
};
void prepare_streams(HPDF_Doc pdf, const StreamOptions& options = {});

}  // namespace ep::pdf
