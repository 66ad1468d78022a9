// "Chia sẻ": the phone's share sheet (Zalo, Messenger…) where the browser has one, else the link is
// copied for pasting into Zalo. Without JavaScript the link itself stays on the page.
(function () {
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var button = box.querySelector(".share-button");
    var done = box.querySelector(".share-done");
    if (!button || (!navigator.share && !(navigator.clipboard && navigator.clipboard.writeText))) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-share-url");
      var title = button.getAttribute("data-share-title") || document.title;
      if (navigator.share) {
        navigator.share({ title: title, url: url }).catch(function () {});
        return;
      }
      navigator.clipboard.writeText(url).then(function () {
        done.textContent = "Đã chép liên kết. Mở Zalo, dán vào cuộc trò chuyện rồi gửi.";
        done.hidden = false;
      });
    });
  });
})();
