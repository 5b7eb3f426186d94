// XML escaping and the SVG element writer.
#include "core/pictures/svg_writer.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace melodyvae::pictures {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at text[i] that XML allows, or 0.
std::size_t validSequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
  const std::uint8_t lead = byte(i);
  if (lead < 0x80) return (lead >= 0x20 || lead == '\t' || lead == '\n' || lead == '\r') ? 1 : 0;
  std::size_t length = 0;
  std::uint32_t code = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07u;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3Fu);
  }
  static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  const bool overlong = code < kSmallest[length];
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  const bool notCharacter = code == 0xFFFE || code == 0xFFFF || code > 0x10FFFF;
  return overlong || surrogate || notCharacter ? 0 : length;
}

}  // namespace

std::string escapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    switch (text[i]) {
      case '&':
        out += "&amp;";
        ++i;
        continue;
      case '<':
        out += "&lt;";
        ++i;
        continue;
      case '>':
        out += "&gt;";
        ++i;
        continue;
      case '"':
        out += "&quot;";
        ++i;
        continue;
      case '\'':
        out += "&apos;";
        ++i;
        continue;
      default:
        break;
    }
    const std::size_t length = validSequence(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string svgNumber(double value, int decimals) {
  if (!std::isfinite(value)) return "0";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string text = buffer;
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

SvgWriter::SvgWriter(double width, double height) {
  out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  startTag("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"width", width},
                   {"height", height},
                   {"viewBox", "0 0 " + svgNumber(width) + " " + svgNumber(height)},
                   {"font-family", "Helvetica, Arial, sans-serif"}});
  out_ += ">\n";
  openTags_.emplace_back("svg");
  element("rect", {{"width", "100%"}, {"height", "100%"}, {"fill", "white"}});
}

void SvgWriter::startTag(std::string_view tag, const Attributes& attributes) {
  out_ += '<';
  out_ += tag;
  for (const Attribute& attribute : attributes) {
    out_ += ' ';
    out_ += attribute.name;
    out_ += "=\"";
    out_ += escapeXml(attribute.value);
    out_ += '"';
  }
}

void SvgWriter::open(std::string_view tag, const Attributes& attributes) {
  startTag(tag, attributes);
  out_ += ">\n";
  openTags_.emplace_back(tag);
}

void SvgWriter::close() {
  if (openTags_.size() <= 1) return;  // </svg> only in finish()
  out_ += "</" + openTags_.back() + ">\n";
  openTags_.pop_back();
}

void SvgWriter::element(std::string_view tag, const Attributes& attributes) {
  startTag(tag, attributes);
  out_ += "/>\n";
}

void SvgWriter::text(std::string_view tag, const Attributes& attributes, std::string_view content) {
  startTag(tag, attributes);
  out_ += '>';
  out_ += escapeXml(content);
  out_ += "</";
  out_ += tag;
  out_ += ">\n";
}

std::string SvgWriter::finish() {
  while (!openTags_.empty()) {
    out_ += "</" + openTags_.back() + ">\n";
    openTags_.pop_back();
  }
  return std::move(out_);
}

}  // namespace melodyvae::pictures
