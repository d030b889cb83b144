// Videos in page bodies (templates/components/blocks/video_block.html): the provider's
// player is kept in a <template> and put into the page only when the visitor presses
// Play, so that no request reaches the provider before. Without JavaScript the button
// stays hidden and the link to the video on its own site remains.
(function () {
  "use strict";
  document.querySelectorAll("[data-video-embed]").forEach(function (figure) {
    var player = figure.querySelector("template[data-video-player]");
    var consent = figure.querySelector("[data-video-consent]");
    var button = figure.querySelector("[data-video-play]");
    if (!player || !consent || !button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var content = player.content.cloneNode(true);
      var frame = content.querySelector("iframe");
      consent.replaceWith(content);
      if (frame) {
        frame.setAttribute("tabindex", "0");
        frame.focus();
      }
    });
  });
})();
