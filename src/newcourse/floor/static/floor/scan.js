// Scanning a credential card's QR code with the steward's camera, where the browser can read
// QR codes (BarcodeDetector): the code found fills the field and the form is sent. Elsewhere,
// or refused the camera, the field stays as it is: type the code, or use a scanner that types.
(function () {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  document.querySelectorAll("form[data-scan]").forEach(function (form) {
    var field = form.querySelector("input[name=token]");
    var button = form.querySelector("button[data-scan-button]");
    var video = form.querySelector("video");
    if (!field || !button || !video) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: "environment" } })
        .then(function (stream) {
          video.hidden = false;
          video.srcObject = stream;
          video.play();
          var timer = setInterval(function () {
            detector.detect(video).then(function (codes) {
              if (!codes.length) return;
              clearInterval(timer);
              stream.getTracks().forEach(function (track) { track.stop(); });
              video.hidden = true;
              field.value = codes[0].rawValue;
              form.submit();
            });
          }, 300);
        })
        .catch(function () { button.hidden = true; });
    });
  });
})();
