// The connection gate's framing of requests (server/request_framing.h): when a request has
// arrived whole, and what it refuses before a request thread sees it.
#include "server/request_framing.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using milmob::server::frame_and_fix;
using milmob::server::frame_request;

constexpr std::size_t kHeader = 1024, kBody = 100;

TEST(RequestFraming, AGetIsWholeAtTheEndOfItsHeader) {
  const std::string get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  EXPECT_FALSE(frame_request(get.substr(0, get.size() - 2), kHeader, kBody).end);
  EXPECT_EQ(frame_request(get, kHeader, kBody).end, get.size());
  // Pipelined: the first request ends where the second begins.
  EXPECT_EQ(frame_request(get + get, kHeader, kBody).end, get.size());
}

TEST(RequestFraming, ABodyIsWaitedForUpToItsContentLength) {
  const std::string head = "POST /route HTTP/1.1\r\ncontent-LENGTH:  5 \r\n\r\n";
  EXPECT_FALSE(frame_request(head + "{}", kHeader, kBody).end);
  EXPECT_EQ(frame_request(head + "{\"a\":", kHeader, kBody).end, head.size() + 5);
  EXPECT_EQ(frame_request("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", kHeader, kBody).status, 413);
  EXPECT_EQ(frame_request("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", kHeader, kBody).status, 400);
  EXPECT_EQ(frame_request("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", kHeader, kBody).status, 400);
  EXPECT_EQ(frame_request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", kHeader, kBody).status, 411);
}

TEST(RequestFraming, AHeaderTooLargeIsRefusedBeforeItEnds) {
  EXPECT_EQ(frame_request("GET / HTTP/1.1\r\nX: " + std::string(kHeader, 'a'), kHeader, kBody).status, 431);
  EXPECT_EQ(frame_request("GET / HTTP/1.1\r\nX: " + std::string(kHeader / 2, 'a'), kHeader, kBody).status, 0);
}

TEST(RequestFraming, ExpectContinueIsRemovedAndAnsweredOnlyWhileTheBodyIsMissing) {
  std::string in = "POST /route HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
  bool send_continue = false;
  auto f = frame_and_fix(in, kHeader, kBody, send_continue);
  EXPECT_TRUE(send_continue);
  EXPECT_EQ(in, "POST /route HTTP/1.1\r\nContent-Length: 2\r\n\r\n");
  EXPECT_FALSE(f.end);
  in += "{}";
  f = frame_and_fix(in, kHeader, kBody, send_continue);
  EXPECT_FALSE(send_continue);
  EXPECT_EQ(f.end, in.size());

  std::string whole = "POST / HTTP/1.1\r\nContent-Length: 2\r\nexpect: 100-Continue\r\n\r\n{}";
  f = frame_and_fix(whole, kHeader, kBody, send_continue);
  EXPECT_FALSE(send_continue);  // the body is here: no 100, and httplib sends none either
  EXPECT_EQ(whole, "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_EQ(f.end, whole.size());
}

TEST(RequestFraming, ARequestWithoutLengthGetsAnEmptyBody) {
  std::string in = "POST /route HTTP/1.1\r\nHost: x\r\n\r\nGET /";
  bool send_continue = false;
  const auto f = frame_and_fix(in, kHeader, kBody, send_continue);
  EXPECT_EQ(in, "POST /route HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\nGET /");
  EXPECT_EQ(f.end, in.size() - 5);
}

}  // namespace
