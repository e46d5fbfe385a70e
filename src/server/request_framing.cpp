#include "server/request_framing.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace milmob::server {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

Framing frame_request(std::string_view buf, std::size_t max_header, std::size_t max_body) {
  Framing f;
  const std::size_t header_end = buf.find("\r\n\r\n");
  if (header_end == std::string_view::npos) {
    if (buf.size() > max_header) f.status = 431;
    return f;
  }
  if (header_end > max_header) {
    f.status = 431;
    return f;
  }
  f.header_end = header_end;
  std::size_t body = 0;
  bool chunked = false, length = false;
  std::size_t at = buf.find("\r\n");  // past the request line
  while (at < header_end) {
    const std::size_t next = buf.find("\r\n", at + 2);
    const std::string_view line = buf.substr(at + 2, next - at - 2);
    at = next;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // httplib answers the malformed line
    const std::string_view name = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
    if (iequals(name, "transfer-encoding")) chunked = true;
    if (iequals(name, "expect") && iequals(value, "100-continue")) {
      f.expect_at = at - line.size();  // `at` is now this line's CRLF
      f.expect_size = line.size() + 2;
    }
    if (iequals(name, "content-length")) {
      length = true;
      if (value.empty() || value.size() > 18 || !std::all_of(value.begin(), value.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        f.status = 400;
        return f;
      }
      body = std::stoull(std::string(value));
    }
  }
  if (chunked) {
    f.status = 411;
    return f;
  }
  if (body > max_body) {
    f.status = 413;
    return f;
  }
  f.no_length = !length;
  const std::size_t end = header_end + 4 + body;
  if (buf.size() >= end) f.end = end;
  return f;
}

Framing frame_and_fix(std::string& in, std::size_t max_header, std::size_t max_body, bool& send_continue) {
  Framing f = frame_request(in, max_header, max_body);
  send_continue = false;
  if (f.status != 0 || f.header_end == std::string_view::npos) return f;
  if (f.expect_at == std::string_view::npos && !f.no_length) return f;
  if (f.expect_at != std::string_view::npos) {
    send_continue = !f.end;
    in.erase(f.expect_at, f.expect_size);
  }
  if (f.no_length) in.insert(in.find("\r\n\r\n") + 2, "Content-Length: 0\r\n");
  return frame_request(in, max_header, max_body);
}

}  // namespace milmob::server
