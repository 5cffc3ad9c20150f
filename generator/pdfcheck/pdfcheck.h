// The built-in PDF/UA-1 check: reads a PDF with qpdf's library and reports each failure of the
// machine-checkable conditions of the Matterhorn Protocol 1.1 that apply to what evidencepack
// writes (docs/pdf-check.md lists them, and those not checked).
//
// This stage depends on qpdf and the standard library only, never on the writer: a check that
// shared the writer's code would share its mistakes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ep::pdfcheck {

// The failure conditions checked. Most are Matterhorn Protocol 1.1 conditions; a few are
// requirements of ISO 14289-1 (PDF/UA-1) or of the ISO 32000-1 structure it builds on that
// Matterhorn gives no number (their `matterhorn` is empty).
enum class Condition : std::uint8_t {
    // 6.2, 7.1: the document is tagged at all, and its structure agrees with its content
    NotMarked,                 // MarkInfo /Marked true missing (6.2)
    NoStructureTree,           // no StructTreeRoot (7.1)
    BrokenStructure,           // tree, ParentTree and marked content disagree (7.1; ISO 32000-1 14.7.4)
    ArtifactInTaggedContent,   // 01-003
    TaggedContentInArtifact,   // 01-004
    UntaggedContent,           // 01-005
    Suspects,                  // 01-007
    // 02: role map
    NonStandardType,           // 02-001
    CircularRoleMap,           // 02-003
    StandardTypeRemapped,      // 02-004
    // 06, 07: metadata and the catalog
    NoMetadata,                // 06-001
    NoPdfuaIdentifier,         // 06-002
    NoDcTitle,                 // 06-003
    NoDisplayDocTitle,         // 07-001
    DisplayDocTitleFalse,      // 07-002
    // 09: structure types used as ISO 32000-1 defines them
    TableStructure,            // 09-004
    ListStructure,             // 09-005
    TocStructure,              // 09-006
    // 10, 11: text
    UnmappedCharacter,         // 10-001
    ContentLanguage,           // 11-001
    AltTextLanguage,           // 11-002
    OutlineLanguage,           // 11-003
    AnnotationLanguage,        // 11-004
    // 13, 14, 15, 17, 19: figures, headings, tables, formulas, notes
    FigureWithoutAlt,          // 13-004
    FirstHeadingNotH1,         // 14-002
    HeadingLevelSkipped,       // 14-003
    SeveralHInOneNode,         // 14-006
    BothHAndNumberedH,         // 14-007
    HeaderCellWithoutScope,    // 15-003
    FormulaWithoutAlt,         // 17-002
    NoteWithoutId,             // 19-003
    NoteIdNotUnique,           // 19-004
    // 20, 21, 26: optional content, embedded files, security
    OptionalContentConfigName, // 20-001
    OptionalContentDefaultName,// 20-002
    OptionalContentAs,         // 20-003
    EmbeddedFileSpec,          // 21-001
    EncryptionForbidsAccess,   // 26-002
    // 28: annotations
    AnnotationNotInAnnot,      // 28-002
    AnnotationWithoutDescription, // 28-004
    UnknownAnnotation,         // 28-006
    TrapNetAnnotation,         // 28-007
    NoTabs,                    // 28-008
    TabsNotStructure,          // 28-009
    WidgetNotInForm,           // 28-010
    LinkNotInLink,             // 28-011
    LinkWithoutContents,       // 28-012
    PrinterMarkInStructure,    // 28-017
    // 30: XObjects
    ReferenceXObject,          // 30-001
    SharedFormWithMcids,       // 30-002
    // 31: fonts
    CidSystemInfoRegistry,     // 31-001
    CidSystemInfoOrdering,     // 31-002
    CidSystemInfoSupplement,   // 31-003
    CidToGidMapInvalid,        // 31-004
    CidToGidMapMissing,        // 31-005
    CMapNotEmbedded,           // 31-006
    CMapWModeDiffers,          // 31-007
    CMapUsesNonStandard,       // 31-008
    FontNotEmbedded,           // 31-009
    GlyphMissing,              // 31-011
    CidSetMissesGlyph,         // 31-014
    CidSetListsAbsentGlyph,    // 31-015
    WidthsDiffer,              // 31-016
    NoNonSymbolicCmap,         // 31-017
    GlyphNotInCmap,            // 31-018
    NoEncoding,                // 31-019
    NoBaseEncoding,            // 31-020
    WrongBaseEncoding,         // 31-021
    DifferencesNotInGlyphList, // 31-022
    DifferencesWithoutUnicodeCmap, // 31-023
    SymbolicWithEncoding,      // 31-024
    SymbolicWithoutCmap,       // 31-025
    SymbolicCmapWithoutSymbol, // 31-026
    NoToUnicode,               // 31-027
    ToUnicodeZero,             // 31-028
    ToUnicodeByteOrderMark,    // 31-029
    NotdefGlyph,               // 31-030
};

struct ConditionInfo {
    Condition condition;
    std::string_view matterhorn;   // "28-011"; empty for a requirement Matterhorn does not number
    std::string_view clause;       // ISO 14289-1 clause: "7.18.5"
    std::string_view failure;      // the failure condition, as Matterhorn words it
};

// Every condition checked, in Matterhorn order.
const std::vector<ConditionInfo>& conditions();
const ConditionInfo& info(Condition c);

struct Finding {
    Condition condition;
    int page = 0;            // 1-based page the failure is on; 0 when it is not on a page
    int object = 0;          // number of the PDF object at fault; 0 for a direct object
    std::string message;     // what is wrong, for a reader
    std::string detail;      // what exactly, for matching (a glyph name, a structure type)
};

struct Report {
    int pages = 0;
    std::vector<Finding> findings;
    // Findings beyond the first few of one condition are counted, not listed.
    int findings_not_listed = 0;
    bool claims_pdfua = false;   // the XMP metadata has pdfuaid:part 1
};

// A PDF that qpdf cannot read at all (not a PDF, damaged beyond repair, a wrong password).
class Unreadable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

Report check_file(const std::string& path);
Report check_bytes(const unsigned char* data, std::size_t size, const std::string& description);

// "page 3, object 512: Matterhorn 28-011 (PDF/UA-1 7.18.5): a link annotation ..."
std::string describe(const Finding& f);

}  // namespace ep::pdfcheck
