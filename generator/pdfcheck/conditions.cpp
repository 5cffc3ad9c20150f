// The conditions checked, with their Matterhorn Protocol 1.1 numbers and ISO 14289-1 clauses.
#include <algorithm>
#include <stdexcept>

#include "pdfcheck/pdfcheck.h"

namespace ep::pdfcheck {

namespace {

using C = Condition;

const std::vector<ConditionInfo> kConditions = {
    {C::NotMarked, "", "6.2", "The MarkInfo dictionary of the catalog does not have Marked true."},
    {C::NoStructureTree, "", "7.1", "The catalog has no StructTreeRoot."},
    {C::BrokenStructure, "", "7.1",
     "The structure tree, its ParentTree and the marked content of the pages do not agree (ISO 32000-1, 14.7.4)."},
    {C::ArtifactInTaggedContent, "01-003", "7.1", "Content marked as Artifact is present inside tagged content."},
    {C::TaggedContentInArtifact, "01-004", "7.1", "Tagged content is present inside content marked as Artifact."},
    {C::UntaggedContent, "01-005", "7.1", "Content is neither marked as Artifact nor tagged as real content."},
    {C::Suspects, "01-007", "7.1", "Suspects entry has a value of true."},
    {C::NonStandardType, "02-001", "7.1",
     "One or more non-standard tag's mapping does not terminate with a standard type."},
    {C::CircularRoleMap, "02-003", "7.1", "A circular mapping exists."},
    {C::StandardTypeRemapped, "02-004", "7.1", "One or more standard types are remapped."},
    {C::NoMetadata, "06-001", "7.1", "Document does not contain an XMP metadata stream."},
    {C::NoPdfuaIdentifier, "06-002", "5",
     "The XMP metadata stream in the Catalog dictionary does not include the PDF/UA identifier."},
    {C::NoDcTitle, "06-003", "7.1", "XMP metadata stream does not contain dc:title."},
    {C::NoDisplayDocTitle, "07-001", "7.1",
     "ViewerPreferences dictionary of the Catalog dictionary does not contain a DisplayDocTitle entry."},
    {C::DisplayDocTitleFalse, "07-002", "7.1",
     "ViewerPreferences dictionary of the Catalog dictionary contains a DisplayDocTitle entry with a value of false."},
    {C::TableStructure, "09-004", "7.2",
     "A table-related structure element is used in a way that does not conform to the syntax defined in ISO 32000-1, "
     "Table 337."},
    {C::ListStructure, "09-005", "7.2",
     "A list-related structure element is used in a way that does not conform to Table 336 in ISO 32000-1."},
    {C::TocStructure, "09-006", "7.2",
     "A TOC-related structure element is used in a way that does not conform to Table 333 in ISO 32000-1."},
    {C::UnmappedCharacter, "10-001", "7.2", "Character code cannot be mapped to Unicode."},
    {C::ContentLanguage, "11-001", "7.2", "Natural language for text in page content cannot be determined."},
    {C::AltTextLanguage, "11-002", "7.2",
     "Natural language for text in Alt, ActualText and E attributes cannot be determined."},
    {C::OutlineLanguage, "11-003", "7.2", "Natural language in the Outline entries cannot be determined."},
    {C::AnnotationLanguage, "11-004", "7.2",
     "Natural language in the Contents entry for annotations cannot be determined."},
    {C::FigureWithoutAlt, "13-004", "7.3", "<Figure> tag alternative or replacement text missing."},
    {C::FirstHeadingNotH1, "14-002", "7.4.2", "Does use numbered headings, but the first heading tag is not <H1>."},
    {C::HeadingLevelSkipped, "14-003", "7.4.2",
     "Numbered heading levels in descending sequence are skipped (Example: <H3> follows directly after <H1>)."},
    {C::SeveralHInOneNode, "14-006", "7.4.4", "A node contains more than one <H> tag."},
    {C::BothHAndNumberedH, "14-007", "7.4.4", "Document uses both <H> and <H#> tags."},
    {C::HeaderCellWithoutScope, "15-003", "7.5",
     "In a table not organized with Headers attributes and IDs, a <TH> cell does not contain a Scope attribute."},
    {C::FormulaWithoutAlt, "17-002", "7.7", "<Formula> tag is missing an Alt attribute."},
    {C::NoteWithoutId, "19-003", "7.9", "ID entry of the <Note> tag is not present."},
    {C::NoteIdNotUnique, "19-004", "7.9", "ID entry of the <Note> tag is non-unique."},
    {C::OptionalContentConfigName, "20-001", "7.10",
     "Name entry is missing or has an empty string as its value in an Optional Content Configuration Dictionary in "
     "the Configs entry in the OCProperties entry in the Catalog dictionary."},
    {C::OptionalContentDefaultName, "20-002", "7.10",
     "Name entry is missing or has an empty string as its value in an Optional Content Configuration Dictionary that "
     "is the value of the D entry in the OCProperties entry in the Catalog dictionary."},
    {C::OptionalContentAs, "20-003", "7.10", "An AS entry appears in an Optional Content Configuration Dictionary."},
    {C::EmbeddedFileSpec, "21-001", "7.11",
     "The file specification dictionary for an embedded file does not contain F and UF entries."},
    {C::EncryptionForbidsAccess, "26-002", "7.16",
     "The file is encrypted and does contain a P entry but the 10th bit position of the P entry is false."},
    {C::AnnotationNotInAnnot, "28-002", "7.18.1",
     "An annotation, other than of subtype Widget, Link and PrinterMark, is not a direct child of an <Annot> "
     "structure element."},
    {C::AnnotationWithoutDescription, "28-004", "7.18.1",
     "An annotation, other than of subtype Widget, does not have a Contents entry and does not have an alternative "
     "description (in the form of an Alt entry in the enclosing structure element)."},
    {C::UnknownAnnotation, "28-006", "7.18.2", "An annotation with subtype undefined in ISO 32000 does not meet 7.18.1."},
    {C::TrapNetAnnotation, "28-007", "7.18.2", "An annotation of subtype TrapNet exists."},
    {C::NoTabs, "28-008", "7.18.3", "A page containing an annotation does not contain a Tabs entry."},
    {C::TabsNotStructure, "28-009", "7.18.3",
     "A page containing an annotation has a Tabs entry with a value other than S."},
    {C::WidgetNotInForm, "28-010", "7.18.4", "A widget annotation is not nested within a <Form> tag."},
    {C::LinkNotInLink, "28-011", "7.18.5", "A link annotation is not nested within a <Link> tag."},
    {C::LinkWithoutContents, "28-012", "7.18.5",
     "A link annotation does not include an alternate description in its Contents entry."},
    {C::PrinterMarkInStructure, "28-017", "7.18.8", "A PrinterMark annotation is included in the logical structure."},
    {C::ReferenceXObject, "30-001", "7.20", "A reference XObject is present."},
    {C::SharedFormWithMcids, "30-002", "7.20", "Form XObject contains MCIDs and is referenced more than once."},
    {C::CidSystemInfoRegistry, "31-001", "7.21.3.1",
     "A Type 0 font dictionary with encoding other than Identity-H and Identity-V has values for Registry in both "
     "CIDSystemInfo dictionaries that are not identical."},
    {C::CidSystemInfoOrdering, "31-002", "7.21.3.1",
     "A Type 0 font dictionary with encoding other than Identity-H and Identity-V has values for Ordering in both "
     "CIDSystemInfo dictionaries that are not identical."},
    {C::CidSystemInfoSupplement, "31-003", "7.21.3.1",
     "A Type 0 font dictionary with encoding other than Identity-H and Identity-V has a value for Supplement in the "
     "CIDSystemInfo dictionary of the CID font that is less than the value for Supplement in the CIDSystemInfo "
     "dictionary of the CMap."},
    {C::CidToGidMapInvalid, "31-004", "7.21.3.2",
     "A Type 2 CID font contains neither a stream nor the name Identity as the value of the CIDToGIDMap entry."},
    {C::CidToGidMapMissing, "31-005", "7.21.3.2", "A Type 2 CID font does not contain a CIDToGIDMap entry."},
    {C::CMapNotEmbedded, "31-006", "7.21.3.3",
     "A CMap is neither listed as described in ISO 32000-1:2008, 9.7.5.2, Table 118 nor is it embedded."},
    {C::CMapWModeDiffers, "31-007", "7.21.3.3",
     "The WMode entry in a CMap dictionary is not identical to the WMode value in the CMap stream."},
    {C::CMapUsesNonStandard, "31-008", "7.21.3.3",
     "A CMap references another CMap which is not listed in ISO 32000-1:2008, 9.7.5.2, Table 118."},
    {C::FontNotEmbedded, "31-009", "7.21.4.1",
     "For a font used by text intended to be rendered the font program is not embedded."},
    {C::GlyphMissing, "31-011", "7.21.4.1",
     "For a font used by text the font program is embedded but it does not contain glyphs for all of the glyphs "
     "referenced by the text used for rendering."},
    {C::CidSetMissesGlyph, "31-014", "7.21.4.2",
     "The FontDescriptor dictionary of an embedded CID font contains a CIDSet string, but at least one of the glyphs "
     "present in the font program is not listed in the CIDSet string."},
    {C::CidSetListsAbsentGlyph, "31-015", "7.21.4.2",
     "The FontDescriptor dictionary of an embedded CID font contains a CIDSet string, but at least one of the glyphs "
     "listed in the CIDSet string is not present in the font program."},
    {C::WidthsDiffer, "31-016", "7.21.5",
     "For one or more glyphs, the glyph width information in the font dictionary and in the embedded font program "
     "differ by more than 1/1000 unit."},
    {C::NoNonSymbolicCmap, "31-017", "7.21.6",
     "A non-symbolic TrueType font is used for rendering, but none of the cmap entries in the embedded font program "
     "is a non-symbolic cmap."},
    {C::GlyphNotInCmap, "31-018", "7.21.6",
     "A non-symbolic TrueType font is used for rendering, but for at least one glyph to be rendered the glyph cannot "
     "be looked up by any of the non-symbolic cmap entries in the embedded font program."},
    {C::NoEncoding, "31-019", "7.21.6",
     "The font dictionary for a non-symbolic TrueType font does not contain an Encoding entry."},
    {C::NoBaseEncoding, "31-020", "7.21.6",
     "The font dictionary for a non-symbolic TrueType font contains an Encoding dictionary which does not contain a "
     "BaseEncoding entry."},
    {C::WrongBaseEncoding, "31-021", "7.21.6",
     "The value for either the Encoding entry or the BaseEncoding entry in the Encoding dictionary in a non-symbolic "
     "TrueType font dictionary is neither MacRomanEncoding nor WinAnsiEncoding."},
    {C::DifferencesNotInGlyphList, "31-022", "7.21.6",
     "The Differences array in the Encoding entry in a non-symbolic TrueType font dictionary contains one or more "
     "glyph names which are not listed in the Adobe Glyph List."},
    {C::DifferencesWithoutUnicodeCmap, "31-023", "7.21.6",
     "The Differences array is present in the Encoding entry in a non-symbolic TrueType font dictionary but the "
     "embedded font program does not contain a (3,1) Microsoft Unicode cmap."},
    {C::SymbolicWithEncoding, "31-024", "7.21.6",
     "The Encoding entry is present in the font dictionary for a symbolic TrueType font."},
    {C::SymbolicWithoutCmap, "31-025", "7.21.6", "The embedded font program for a symbolic TrueType font contains no cmap."},
    {C::SymbolicCmapWithoutSymbol, "31-026", "7.21.6",
     "The embedded font program for a symbolic TrueType font contains more than one cmap, but none of the cmap "
     "entries is a (3,0) Microsoft Symbol cmap."},
    {C::NoToUnicode, "31-027", "7.21.7",
     "A font dictionary does not contain the ToUnicode entry and none of the following is true: the font uses "
     "MacRomanEncoding, MacExpertEncoding or WinAnsiEncoding; the font is a Type 1 or Type 3 font and the glyph names "
     "of the glyphs referenced are all contained in the Adobe Glyph List or the set of named characters in the Symbol "
     "font; the font is a Type 0 font, and its descendant CIDFont uses Adobe-GB1, Adobe-CNS1, Adobe-Japan1 or "
     "Adobe-Korea1 character collections; the font is a non-symbolic TrueType font."},
    {C::ToUnicodeZero, "31-028", "7.21.7", "One or more Unicode values specified in the ToUnicode CMap are zero (0)."},
    {C::ToUnicodeByteOrderMark, "31-029", "7.21.7",
     "One or more Unicode values specified in the ToUnicode CMap are equal to either U+FEFF or U+FFFE."},
    {C::NotdefGlyph, "31-030", "7.21.8",
     "One or more characters used in text showing operators reference the .notdef glyph."},
};

}  // namespace

const std::vector<ConditionInfo>& conditions() { return kConditions; }

const ConditionInfo& info(Condition c) {
    for (const auto& i : kConditions)
        if (i.condition == c) return i;
    throw std::logic_error("pdfcheck: a condition without its table entry");
}

std::string describe(const Finding& f) {
    const ConditionInfo& i = info(f.condition);
    std::string s;
    if (f.page > 0) s += "page " + std::to_string(f.page);
    if (f.object > 0) s += (s.empty() ? "object " : ", object ") + std::to_string(f.object);
    if (!s.empty()) s += ": ";
    s += i.matterhorn.empty() ? std::string("PDF/UA-1 ") + std::string(i.clause)
                              : "Matterhorn " + std::string(i.matterhorn) + " (PDF/UA-1 " + std::string(i.clause) + ")";
    return s + ": " + f.message;
}

}  // namespace ep::pdfcheck
