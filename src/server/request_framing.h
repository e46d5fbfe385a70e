#pragma once
// Where an HTTP/1.1 request ends in the bytes received so far, read by the connection gate
// (server/connections.h) before a request thread takes the request: the whole request,
// header and body, must have arrived, so that a request thread never waits on a client.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace milmob::server {

struct Framing {
  std::optional<std::size_t> end;  // the request's end (after its body); none: not all here yet
  int status = 0;  // refuse: 431 header too large, 413 body too large, 400 bad Content-Length, 411 chunked
  std::size_t header_end = std::string_view::npos;  // of the last header line, before the empty one
  bool no_length = false;  // no Content-Length: no body (RFC 9112 6.3), which httplib must be told
  // The "Expect: 100-continue" line, with its CRLF.
  std::size_t expect_at = std::string_view::npos, expect_size = 0;
};

// Frames the request at the start of `buf`; bodies only with a Content-Length (chunked: 411).
Framing frame_request(std::string_view buf, std::size_t max_header, std::size_t max_body);

// frame_request, after rewriting the header where httplib would wait on the client: an
// "Expect: 100-continue" is removed (`send_continue` says whether the caller must answer it:
// the client sends its body only then), and a request without Content-Length gets
// "Content-Length: 0" (httplib would read a body until the connection closes).
Framing frame_and_fix(std::string& in, std::size_t max_header, std::size_t max_body, bool& send_continue);

}  // namespace milmob::server
